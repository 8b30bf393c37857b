import { formatAppointment, formatDateTime } from '#modules/documents/index.ts';
import type { PasswordChangedPayload, PasswordResetPayload } from '#modules/identity/index.ts';
import type { AppointmentChangePayload, AppointmentPayload } from '#modules/appointments/index.ts';
import type {
  DossierAssignedPayload,
  DossierDueSoonPayload,
  DossierStatusChangedPayload,
  DossierStepOverduePayload,
  DossierSupplementReceivedPayload,
  ResultReturnMethod,
} from '#modules/dossiers/index.ts';

/**
 * The Vietnamese wording of each notice, as data: one template per action (when the action
 * says more than the status, e.g. an extension) or else per status. Each names the dossier,
 * the procedure, the time, the unit that acted and the appointment where it matters.
 * `messages.en.ts` holds the English wording, function for function (`notices.ts` writes both).
 */
export interface Message {
  title: string;
  body: string;
}

const time = (iso: string | null | undefined) => (iso ? formatAppointment(iso) : 'chưa xác định');
const ref = (p: { code: string | null; procedureName?: string; procedureCode: string }) =>
  `Hồ sơ ${p.code ?? 'chưa có mã'} (${p.procedureName ?? p.procedureCode})`;
const unit = (p: DossierStatusChangedPayload) => p.actorUnit ?? p.agencyName;
const reason = (p: DossierStatusChangedPayload) => (p.reason ? ` Lý do: ${p.reason}.` : '');
const due = (p: DossierStatusChangedPayload) => (p.dueAt ? ` Hẹn trả: ${time(p.dueAt)}.` : '');
const DESK = 'Bộ phận Tiếp nhận và Trả kết quả';

/** How the result reaches the applicant, in the way they chose (Mẫu 01 line 6 says the same). */
function resultWay(p: { returnMethod?: ResultReturnMethod; returnPlace?: string | null; agencyName?: string }): string {
  if (p.returnMethod === 'buu_chinh') return 'Kết quả sẽ được gửi đến Ông/Bà qua dịch vụ bưu chính công ích theo địa chỉ đã đăng ký.';
  if (p.returnMethod === 'truc_tuyen') return 'Ông/Bà nhận kết quả trực tuyến: bản điện tử có chữ ký số được tải về từ trang hồ sơ trên Cổng dịch vụ công.';
  return `Mời Ông/Bà nhận kết quả tại ${DESK} — ${p.returnPlace ?? p.agencyName}.`;
}

export type Template = (p: DossierStatusChangedPayload) => Message;

/** The wording of a status change in one locale: its action's template, else its status's, else the fallback. */
export const statusChangeWording =
  (byAction: Record<string, Template>, byStatus: Record<string, Template>, fallback: Template): Template =>
  (p) =>
    ((p.action && byAction[p.action]) || byStatus[p.status] || fallback)(p);

const byAction: Record<string, Template> = {
  forward: (p) => ({
    title: 'Hồ sơ được chuyển xử lý',
    body: `${ref(p)} đã được ${unit(p)} chuyển đến ${p.agencyName} lúc ${time(p.at)} để tiếp tục giải quyết.${due(p)}`,
  }),
  extend: (p) => ({
    title: 'Hẹn lại ngày trả kết quả',
    body: `${unit(p)} xin lỗi Ông/Bà: ${ref(p)} chưa thể trả kết quả đúng hẹn.${reason(p)} Hẹn trả mới: ${time(p.dueAt)}.`,
  }),
  submit_supplement: (p) => ({
    title: 'Đã nhận hồ sơ bổ sung',
    body: `${ref(p)}: giấy tờ bổ sung đã được ghi nhận lúc ${time(p.at)} tại ${p.agencyName}.${due(p)}`,
  }),
  // approved where a clerk issues results: nothing to collect yet
  approve: (p) =>
    p.awaitingIssue
      ? { title: 'Hồ sơ đã được phê duyệt', body: `${ref(p)} đã được phê duyệt lúc ${time(p.at)}; kết quả đang được phát hành, Ông/Bà sẽ được thông báo khi có kết quả.` }
      : byStatus.RESULT_READY(p),
  confirm_payment: (p) => ({
    title: 'Đã xác nhận nghĩa vụ tài chính',
    body: `${ref(p)}: ${unit(p)} đã xác nhận Ông/Bà hoàn thành nghĩa vụ tài chính lúc ${time(p.at)}; hồ sơ tiếp tục được giải quyết.${due(p)}`,
  }),
};

const byStatus: Record<string, Template> = {
  SUBMITTED: (p) => ({
    title: 'Hồ sơ đã được nộp',
    body: `${ref(p)} đã được nộp lúc ${time(p.at)} đến ${p.agencyName} và đang chờ tiếp nhận.${p.reference ? ` Mã tra cứu: ${p.reference} (dùng để tra cứu hồ sơ cho đến khi có mã số hồ sơ, và cả sau đó).` : ''}`,
  }),
  RECEIVED: (p) => ({
    title: 'Hồ sơ đã được tiếp nhận',
    body: `${ref(p)} đã được tiếp nhận lúc ${time(p.at)} tại ${unit(p)}.${due(p)}`,
  }),
  REJECTED_AT_INTAKE: (p) => ({
    title: 'Hồ sơ không được tiếp nhận',
    body: `${ref(p)} không được ${unit(p)} tiếp nhận (${time(p.at)}).${reason(p)}`,
  }),
  IN_PROCESSING: (p) => ({
    title: 'Hồ sơ đang được giải quyết',
    body: `${ref(p)} đang được giải quyết tại ${p.agencyName} (cập nhật lúc ${time(p.at)}).${due(p)}`,
  }),
  AWAITING_SUPPLEMENT: (p) => ({
    title: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
    body: `${ref(p)}: ${unit(p)} yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ (${time(p.at)}).${reason(p)}`,
  }),
  AWAITING_PAYMENT: (p) => ({
    title: 'Yêu cầu thực hiện nghĩa vụ tài chính',
    body: `${ref(p)}: ${unit(p)} đề nghị Ông/Bà thực hiện nghĩa vụ tài chính (${time(p.at)}).${reason(p)}`,
  }),
  WITHDRAWN: (p) => ({
    title: 'Hồ sơ đã được rút',
    body: `${ref(p)} đã được rút theo yêu cầu lúc ${time(p.at)}.${reason(p)}`,
  }),
  STOPPED: (p) => ({
    title: 'Hồ sơ bị dừng xử lý',
    body: `${ref(p)} đã bị ${unit(p)} dừng xử lý lúc ${time(p.at)}.${reason(p)}`,
  }),
  RESULT_READY: (p) => ({
    title: 'Hồ sơ đã có kết quả',
    body: `${ref(p)} đã có kết quả lúc ${time(p.at)}. ${resultWay(p)}`,
  }),
  RESULT_RETURNED: (p) => ({
    title: 'Đã trả kết quả',
    body:
      p.returnMethod === 'buu_chinh'
        ? `Kết quả của ${ref(p)} đã được gửi qua dịch vụ bưu chính công ích lúc ${time(p.at)}${p.postalReference ? ` (số hiệu bưu gửi ${p.postalReference})` : ''}.`
        : p.returnMethod === 'truc_tuyen'
        ? `Kết quả của ${ref(p)} đã được trả trực tuyến lúc ${time(p.at)}: bản điện tử có chữ ký số được tải về từ trang hồ sơ trên Cổng dịch vụ công.`
        : `${ref(p)} đã được trả kết quả lúc ${time(p.at)} tại ${unit(p)}.`,
  }),
};

const fallback: Template = (p) => ({
  title: `Hồ sơ: ${p.statusLabel}`,
  body: `${ref(p)} chuyển sang trạng thái "${p.statusLabel}" lúc ${time(p.at)} tại ${unit(p)}.${reason(p)}`,
});

export const statusChangedMessage = statusChangeWording(byAction, byStatus, fallback);

/** The lead agency's reminder: a step of another agency passed its sub-deadline (NĐ 61 Art. 19.5). */
export function stepOverdueMessage(p: DossierStepOverduePayload): Message {
  return {
    title: 'Bước liên thông quá hạn',
    body: `${ref(p)}: bước ${p.step}${p.task ? ` (${p.task})` : ''} tại ${p.stepAgencyName} đã quá thời hạn ${time(p.subDueAt)}. Đề nghị đôn đốc hoặc thu hồi bước về cơ quan chủ trì.`,
  };
}

/** Phân công thụ lý: the specialist a leader gave the dossier to. */
export function assignedMessage(p: DossierAssignedPayload): Message {
  return {
    title: 'Hồ sơ được phân công',
    body: `${ref(p)} đã được ${p.assignedByName} phân công cho Ông/Bà thụ lý lúc ${time(p.at)}.${p.dueAt ? ` Hẹn trả kết quả: ${time(p.dueAt)}.` : ''}`,
  };
}

/** The papers a Mẫu 02 asked for have all arrived: the officer to act next (the assignee, or the desk officer who asked at intake). */
export function supplementReceivedMessage(p: DossierSupplementReceivedPayload): Message {
  const how = p.by === 'desk' ? `do ${p.actorName} tiếp nhận tại ${DESK}` : 'do người nộp gửi trực tuyến';
  return {
    title: 'Hồ sơ đã được bổ sung',
    body:
      p.phase === 'appraisal'
        ? `${ref(p)}: giấy tờ bổ sung theo yêu cầu đã đủ, ${how} lúc ${time(p.at)}. Hồ sơ trở lại để Ông/Bà tiếp tục giải quyết; thời hạn được tính lại từ đầu, hẹn trả kết quả mới: ${time(p.dueAt)}.`
        : `${ref(p)}: giấy tờ bổ sung theo yêu cầu đã đủ, ${how} lúc ${time(p.at)}. Hồ sơ đang chờ tiếp nhận.`,
  };
}

export function dueSoonMessages(p: DossierDueSoonPayload): { applicant: Message; officer: Message } {
  return {
    applicant: {
      title: 'Sắp đến hẹn trả kết quả',
      body: `${ref(p)} có hẹn trả kết quả lúc ${time(p.dueAt)}${
        p.returnMethod === 'buu_chinh'
          ? ', gửi qua dịch vụ bưu chính công ích'
          : p.returnMethod === 'truc_tuyen'
          ? ', trả trực tuyến trên Cổng dịch vụ công'
          : p.returnPlace || p.agencyName
          ? ` tại ${DESK} — ${p.returnPlace ?? p.agencyName}`
          : ''
      }.`,
    },
    officer: {
      title: 'Hồ sơ sắp đến hạn',
      body: `${ref(p)} đến hạn trả kết quả lúc ${time(p.dueAt)} (còn không quá 01 ngày làm việc). Đề nghị hoàn thành đúng hạn hoặc lập Phiếu xin lỗi và hẹn lại ngày trả kết quả.`,
    },
  };
}

/** 'dd/mm/yyyy' from 'yyyy-mm-dd' (both locales). */
export const dmy = (date: string) => date.split('-').reverse().join('/');

export const appointmentBookedMessage = (p: AppointmentPayload): Message => ({
  title: 'Đã đặt lịch hẹn nộp hồ sơ',
  body: `Lịch hẹn ${p.code}: ${p.startTime}–${p.endTime} ngày ${dmy(p.date)} tại ${p.agencyName}, thủ tục ${p.procedureName ?? p.procedureCode}. Vui lòng đến đúng giờ, mang theo giấy tờ và đọc mã đặt lịch cho cán bộ một cửa.`,
});

export const appointmentReminderMessage = (p: AppointmentPayload): Message => ({
  title: 'Nhắc lịch hẹn hôm nay',
  body: `Hôm nay ${dmy(p.date)}, lúc ${p.startTime}–${p.endTime}, Ông/Bà có lịch hẹn ${p.code} tại ${p.agencyName} (thủ tục ${p.procedureCode}).`,
});

const slot = (p: { date: string; startTime: string; endTime: string }) => `${p.startTime}–${p.endTime} ngày ${dmy(p.date)}`;
const because = (p: AppointmentChangePayload) => (p.reason ? ` Lý do: ${p.reason.replace(/[.。]\s*$/, '')}.` : '');

/** The booking moved, by the desk (with its reason) or by the citizen (a confirmation). */
export const appointmentMovedMessage = (p: AppointmentChangePayload): Message =>
  p.by === 'desk'
    ? {
        title: 'Cơ quan đã đổi giờ hẹn của Ông/Bà',
        body: `${p.agencyName} đã đổi lịch hẹn ${p.code} (thủ tục ${p.procedureName ?? p.procedureCode})${p.previous ? ` từ ${slot(p.previous)}` : ''} sang ${slot(p)}.${because(p)} Nếu giờ mới không phù hợp, Ông/Bà có thể đổi giờ khác hoặc hủy lịch hẹn tại mục “Lịch hẹn của tôi”.`,
      }
    : {
        title: 'Đã đổi giờ hẹn',
        body: `Lịch hẹn ${p.code} (thủ tục ${p.procedureName ?? p.procedureCode}) tại ${p.agencyName} đã được đổi${p.previous ? ` từ ${slot(p.previous)}` : ''} sang ${slot(p)}, giữ nguyên mã đặt lịch. Nếu không phải Ông/Bà đổi, vui lòng liên hệ ${p.agencyName}.`,
      };

/** The booking cancelled, by the desk (with its reason) or by the citizen (a confirmation). */
export const appointmentCancelledMessage = (p: AppointmentChangePayload): Message =>
  p.by === 'desk'
    ? {
        title: 'Cơ quan đã hủy lịch hẹn của Ông/Bà',
        body: `${p.agencyName} đã hủy lịch hẹn ${p.code} lúc ${slot(p)} (thủ tục ${p.procedureName ?? p.procedureCode}).${because(p)} Ông/Bà có thể đặt lịch hẹn khác tại trang của thủ tục.`,
      }
    : {
        title: 'Đã hủy lịch hẹn',
        body: `Lịch hẹn ${p.code} lúc ${slot(p)} tại ${p.agencyName} (thủ tục ${p.procedureName ?? p.procedureCode}) đã được hủy. Nếu không phải Ông/Bà hủy, vui lòng liên hệ ${p.agencyName}.`,
      };

/** 'HH:mm ngày dd/mm/yyyy' (Asia/Ho_Chi_Minh). */
const atClock = (iso: string) => formatDateTime(iso).replace(' ', ' ngày ');
const NO_PASSWORD_BY_MAIL = 'Hệ thống Một Cửa không bao giờ gửi mật khẩu qua thư điện tử hay tin nhắn.';

/** The account's own đổi mật khẩu (or someone who knew its password): never the password itself. */
export const passwordChangedMessage = (p: PasswordChangedPayload): Message => ({
  title: 'Mật khẩu tài khoản đã được thay đổi',
  body: `Mật khẩu tài khoản ${p.username} của Ông/Bà đã được thay đổi lúc ${atClock(p.at)}. Nếu không phải Ông/Bà thực hiện, vui lòng liên hệ quản trị viên ngay. ${NO_PASSWORD_BY_MAIL}`,
});

/** An administrator's đặt lại mật khẩu: who and when, never the temporary password (handed over in person). */
export const passwordResetMessage = (p: PasswordResetPayload): Message => ({
  title: 'Mật khẩu tài khoản đã được đặt lại',
  body: `Quản trị viên ${p.byName} đã đặt lại mật khẩu tài khoản ${p.username} của Ông/Bà lúc ${atClock(p.at)}; mọi phiên đăng nhập của tài khoản đã kết thúc. Mật khẩu tạm thời do quản trị viên trao trực tiếp cho Ông/Bà, và Ông/Bà phải đổi mật khẩu ở lần đăng nhập tiếp theo. Nếu Ông/Bà không đề nghị đặt lại mật khẩu, vui lòng liên hệ quản trị viên ngay. ${NO_PASSWORD_BY_MAIL}`,
});
