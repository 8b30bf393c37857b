import { Anchor } from '@mantine/core';
import { useInfoPage } from '../modules/portal/use-info-page.ts';
import { InfoPage, type InfoSection } from '../ui/info-page.tsx';

/**
 * Thông báo xử lý dữ liệu cá nhân under Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (in force
 * since 01/01/2026, replacing Nghị định 13/2023/NĐ-CP): what is processed, why, on what ground,
 * for how long, who receives it, and the citizen's rights with how to exercise them. It describes
 * what this software does (see docs/modules/*.md); the operator and contact come from the
 * installation's settings.
 */
export default function PrivacyPage() {
  const { en, title, info } = useInfoPage({ vi: 'Thông báo về xử lý và bảo vệ dữ liệu cá nhân', en: 'Personal data protection notice' });
  const operator = info?.operator ?? (en ? 'the agency that runs this portal' : 'cơ quan vận hành cổng');
  const mail = info?.privacyEmail ? <Anchor href={`mailto:${info.privacyEmail}`}>{info.privacyEmail}</Anchor> : null;

  const sections: InfoSection[] = en
    ? [
        {
          id: 'du-lieu',
          heading: '1. What personal data is processed',
          items: [
            'Account and sign-in: full name, personal identification number, date of birth, phone number, e-mail and address — from your VNeID electronic identity when you sign in with it, or as you enter them.',
            'Dossiers: the applicant’s and the owner’s details entered in the application form, the form fields of the procedure, and the papers you upload (which may contain sensitive data, e.g. health certificates).',
            'Processing records: who received, handled and decided your dossier and when; fee payments and receipts; results issued; your evaluations, complaints and suggestions.',
            'Security records: sign-in times, and every read of a dossier’s personal data by an officer (audit log).',
          ],
        },
        {
          id: 'muc-dich',
          heading: '2. Why',
          items: [
            'To receive, process and return the result of the administrative procedures you ask for, and to let you follow them.',
            'To collect fees, send notifications about your dossier, answer your complaints and suggestions, and measure service quality.',
            'To keep the system secure and to account for every access to personal data.',
          ],
          after: ['Your data is not used for advertising and is not sold.'],
        },
        {
          id: 'can-cu',
          heading: '3. Legal ground',
          paragraphs: [
            'Processing is done by competent state agencies to perform their duties under the law when they settle the administrative procedure you request: the Law on Personal Data Protection No. 91/2025/QH15, Decree No. 61/2018/NĐ-CP on the one-stop mechanism, Decree No. 45/2020/NĐ-CP on administrative procedures in the electronic environment, and the specialised law of each procedure (named under “Legal basis” on its page).',
            'Where a step is not required by law (for example publishing your feedback and its answer, without your name), it is done only with your consent, which you may withdraw at any time.',
          ],
        },
        {
          id: 'thoi-han',
          heading: '4. How long',
          items: [
            'Dossiers and their results: for the retention period the law on archives sets for that kind of record.',
            'Uploaded files not attached to a dossier: deleted automatically after 24 hours.',
            'Sign-in sessions: 12 hours.',
            'Audit records: kept, never changed or deleted, so that every access can be accounted for.',
          ],
        },
        {
          id: 'nguoi-nhan',
          heading: '5. Who receives the data',
          items: [
            'The agency that receives your dossier and the competent agency that decides it; for linked procedures, the other participating agencies (for example the commune police and Social Insurance).',
            'The payment service, only for the fee payment; the national electronic identity system (VNeID), only for sign-in.',
            'Other state agencies only where a law requires it. Data is not transferred abroad.',
          ],
        },
        {
          id: 'quyen',
          heading: '6. Your rights and how to exercise them',
          items: [
            'To be informed about the processing of your data (this notice), to consent or withdraw consent where consent is the ground.',
            'To access your data: signed in, “My dossiers” shows every dossier with its history and papers.',
            'To have inaccurate data corrected, and to ask for data to be deleted or its processing restricted, or to object, where the law allows (records a law requires to be kept are not deleted).',
            'To ask for a copy of your data.',
            'To complain, denounce or sue, and to claim compensation for damage under the law.',
          ],
          after: [
            <>
              To exercise a right, write to {operator}
              {mail ? <> at {mail}</> : null}, or ask at the one-stop desk that received your dossier. Your request is answered within the time limit set by law. You may also
              complain to the personal data protection authority of the Ministry of Public Security.
            </>,
          ],
        },
        {
          id: 'bao-ve',
          heading: '7. How the data is protected',
          paragraphs: [
            'Connections are encrypted; officers see only the dossiers of their own agency; every read of personal data is recorded in a tamper-evident audit log; stored signing keys are encrypted.',
          ],
        },
      ]
    : [
        {
          id: 'du-lieu',
          heading: '1. Dữ liệu cá nhân được xử lý',
          items: [
            'Tài khoản và đăng nhập: họ, chữ đệm và tên, số định danh cá nhân, ngày sinh, số điện thoại, thư điện tử, địa chỉ — lấy từ tài khoản định danh điện tử VNeID khi bạn đăng nhập bằng VNeID, hoặc do bạn nhập.',
            'Hồ sơ thủ tục hành chính: thông tin người nộp và chủ hồ sơ trong tờ khai, các trường thông tin của thủ tục và giấy tờ bạn tải lên (có thể chứa dữ liệu cá nhân nhạy cảm, ví dụ giấy khám sức khỏe).',
            'Quá trình giải quyết: ai tiếp nhận, xử lý, quyết định hồ sơ và vào lúc nào; khoản phí, lệ phí đã nộp và biên lai; kết quả đã cấp; đánh giá, phản ánh, kiến nghị của bạn.',
            'Nhật ký bảo mật: thời điểm đăng nhập và mọi lần cán bộ xem dữ liệu cá nhân trong hồ sơ (nhật ký kiểm toán).',
          ],
        },
        {
          id: 'muc-dich',
          heading: '2. Mục đích xử lý',
          items: [
            'Tiếp nhận, giải quyết và trả kết quả thủ tục hành chính theo yêu cầu của bạn; cho bạn theo dõi tình trạng hồ sơ.',
            'Thu phí, lệ phí; gửi thông báo về hồ sơ; trả lời phản ánh, kiến nghị; đánh giá chất lượng giải quyết thủ tục hành chính.',
            'Bảo đảm an toàn hệ thống và ghi nhận mọi lần truy cập dữ liệu cá nhân.',
          ],
          after: ['Dữ liệu của bạn không được dùng cho quảng cáo và không được mua bán.'],
        },
        {
          id: 'can-cu',
          heading: '3. Căn cứ pháp lý của việc xử lý',
          paragraphs: [
            'Dữ liệu được cơ quan nhà nước có thẩm quyền xử lý để thực hiện nhiệm vụ, quyền hạn theo quy định của pháp luật khi giải quyết thủ tục hành chính theo yêu cầu của bạn: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; Nghị định số 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính; Nghị định số 45/2020/NĐ-CP về thực hiện thủ tục hành chính trên môi trường điện tử; và luật chuyên ngành của từng thủ tục (nêu tại mục “Căn cứ pháp lý” của trang thủ tục).',
            'Việc xử lý không bắt buộc theo luật (ví dụ công khai nội dung phản ánh và câu trả lời, không kèm họ tên) chỉ thực hiện khi bạn đồng ý; bạn có thể rút lại sự đồng ý bất cứ lúc nào.',
          ],
        },
        {
          id: 'thoi-han',
          heading: '4. Thời gian lưu trữ',
          items: [
            'Hồ sơ và kết quả giải quyết: theo thời hạn bảo quản do pháp luật về lưu trữ quy định đối với từng loại hồ sơ.',
            'Tệp đã tải lên nhưng không gắn vào hồ sơ nào: tự động xóa sau 24 giờ.',
            'Phiên đăng nhập: 12 giờ.',
            'Nhật ký kiểm toán: được lưu giữ, không sửa, không xóa, để mọi lần truy cập đều được giải trình.',
          ],
        },
        {
          id: 'nguoi-nhan',
          heading: '5. Tổ chức, cá nhân được nhận dữ liệu',
          items: [
            'Cơ quan tiếp nhận và cơ quan có thẩm quyền giải quyết hồ sơ của bạn; với thủ tục liên thông, các cơ quan cùng tham gia (ví dụ Công an cấp xã, Bảo hiểm xã hội).',
            'Tổ chức cung ứng dịch vụ thanh toán, chỉ để thu phí, lệ phí; hệ thống định danh và xác thực điện tử (VNeID), chỉ để đăng nhập.',
            'Cơ quan nhà nước khác chỉ khi pháp luật quy định. Dữ liệu không được chuyển ra nước ngoài.',
          ],
        },
        {
          id: 'quyen',
          heading: '6. Quyền của chủ thể dữ liệu và cách thực hiện',
          items: [
            'Quyền được biết về việc xử lý dữ liệu cá nhân của mình (thông báo này); đồng ý hoặc rút lại sự đồng ý khi việc xử lý dựa trên sự đồng ý.',
            'Quyền truy cập dữ liệu: khi đăng nhập, mục “Hồ sơ của tôi” hiển thị mọi hồ sơ cùng quá trình xử lý và giấy tờ.',
            'Quyền yêu cầu chỉnh sửa dữ liệu không chính xác; yêu cầu xóa, hạn chế xử lý hoặc phản đối xử lý dữ liệu trong trường hợp pháp luật cho phép (hồ sơ mà pháp luật buộc lưu trữ thì không bị xóa).',
            'Quyền yêu cầu cung cấp bản sao dữ liệu của mình.',
            'Quyền khiếu nại, tố cáo, khởi kiện và yêu cầu bồi thường thiệt hại theo quy định của pháp luật.',
          ],
          after: [
            <>
              Để thực hiện quyền, bạn gửi yêu cầu đến {operator}
              {mail ? <> qua thư điện tử {mail}</> : null}, hoặc đề nghị tại Bộ phận Một cửa nơi đã tiếp nhận hồ sơ. Yêu cầu được trả lời trong thời hạn pháp luật quy định. Bạn
              cũng có thể khiếu nại đến cơ quan chuyên trách bảo vệ dữ liệu cá nhân thuộc Bộ Công an.
            </>,
          ],
        },
        {
          id: 'bao-ve',
          heading: '7. Biện pháp bảo vệ dữ liệu',
          paragraphs: [
            'Kết nối được mã hóa; cán bộ chỉ xem được hồ sơ của cơ quan mình; mọi lần xem dữ liệu cá nhân được ghi vào nhật ký kiểm toán không thể sửa đổi mà không bị phát hiện; khóa ký số lưu trữ được mã hóa.',
          ],
        },
      ];

  return (
    <InfoPage
      title={title}
      lead={
        en
          ? `This notice explains how ${operator} processes your personal data on this portal, under the Law on Personal Data Protection No. 91/2025/QH15 (in force since 1 January 2026).`
          : `Thông báo này cho biết ${operator} xử lý dữ liệu cá nhân của bạn trên cổng như thế nào, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (có hiệu lực từ ngày 01/01/2026).`
      }
      sections={sections}
    />
  );
}
