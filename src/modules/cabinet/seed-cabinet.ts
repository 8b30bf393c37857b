import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { loadPdfLib } from '#platform/heavy-libraries.ts';
import { localDate, localInstant, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { storeBytes } from '#modules/files/index.ts';
import { demoMemberAccounts, ensureDemoUsers } from '#modules/identity/index.ts';
import { findAgencyFor } from '#modules/places/index.ts';
import * as repo from './cabinet.repository.ts';
import type { DecisionRule } from './decision-rule.ts';
import { scheduleMeeting } from './meetings.ts';
import { actOnOpinionForm, createOpinionForm } from './opinion-forms.ts';

export const DEMO_BODY = 'ubnd-ha-noi';

/** The demo body's roles and titles (accounts: identity's demoMemberAccounts). */
const ROLES: Record<string, { role: repo.MemberRole; title: string }> = {
  'chutich.hanoi': { role: 'chair', title: 'Chủ tịch UBND Thành phố' },
  'phochutich1.hanoi': { role: 'vice_chair', title: 'Phó Chủ tịch Thường trực UBND Thành phố' },
  'phochutich2.hanoi': { role: 'vice_chair', title: 'Phó Chủ tịch UBND Thành phố' },
  'uyvien1.hanoi': { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Sở Tài chính' },
  'uyvien2.hanoi': { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Sở Xây dựng' },
  'uyvien3.hanoi': { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Công an Thành phố' },
  'uyvien4.hanoi': { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Sở Nội vụ' },
  'uyvien5.hanoi': { role: 'member', title: 'Ủy viên UBND Thành phố, Chánh Văn phòng UBND Thành phố' },
  'uyvien6.hanoi': { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Sở Tư pháp' },
  'vanphong.hanoi': { role: 'secretariat', title: 'Chuyên viên Văn phòng UBND Thành phố' },
};

export const DEMO_RULE: DecisionRule = {
  deemedAgreement: true,
  tieBreak: 'chair',
  legalBasis:
    'Quy chế làm việc của UBND Thành phố (dữ liệu mẫu): quyết định khi quá nửa tổng số thành viên đồng ý; số phiếu ngang nhau thì theo ý kiến Chủ tịch; thành viên không gửi phiếu đúng hạn được coi là đồng ý',
  validFrom: '2025-07-01',
};

/** A small draft document (PDF with Vietnamese text) for the demo form and meeting. */
export async function draftPdf(title: string, lines: string[]): Promise<Buffer> {
  const { fontkit, PDFDocument, rgb } = await loadPdfLib();
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const dir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
  const regular = await doc.embedFont(fs.readFileSync(path.join(dir, '400Regular/BeVietnamPro_400Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(fs.readFileSync(path.join(dir, '700Bold/BeVietnamPro_700Bold.ttf')), { subset: true });
  const page = doc.addPage([595, 842]);
  page.drawText('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI', { x: 56, y: 780, size: 10, font: bold });
  page.drawText('DỰ THẢO', { x: 470, y: 780, size: 10, font: bold, color: rgb(0.7, 0, 0) });
  page.drawText(title, { x: 56, y: 730, size: 13, font: bold, maxWidth: 480, lineHeight: 17 });
  let y = 680;
  for (const line of lines) {
    page.drawText(line, { x: 56, y, size: 11, font: regular, maxWidth: 480, lineHeight: 15 });
    y -= 15 * Math.ceil(line.length / 80) + 8;
  }
  doc.setTitle(title);
  return Buffer.from(await doc.save());
}

async function upload(ctx: AppContext, tx: Sql, uploadedBy: string, name: string, title: string, lines: string[]): Promise<string> {
  const stored = await storeBytes(ctx, tx, { bytes: await draftPdf(title, lines), mediaType: 'application/pdf', name, uploadedBy });
  return stored.fileId;
}

const actorOf = (id: string, username: string): Actor => ({ id, username, fullName: username, idNumber: null, grants: [], sessionId: 'seed' });

/**
 * Demo installations only (MOTCUA_DEMO): the body UBND Thành phố Hà Nội with its chair, two
 * vice-chairs, six members and the secretariat, the rule with deemed agreement, one open opinion
 * form and one scheduled meeting. Idempotent: nothing happens when the body exists.
 */
export async function seedCabinet(ctx: AppContext, options: { demo: boolean }): Promise<void> {
  if (!options.demo) return;
  await ctx.db.transaction(async (tx) => {
    if (await repo.findBody(tx, DEMO_BODY)) return;
    const agency = await findAgencyFor(tx, '01', 'people_committee');
    if (!agency) return; // places not seeded: nothing to attach the body to
    const ids = await ensureDemoUsers(tx, demoMemberAccounts);
    const now = ctx.clock.now();
    await repo.insertBody(tx, { code: DEMO_BODY, name: 'Ủy ban nhân dân Thành phố Hà Nội', agencyCode: agency.code, createdAt: now });
    await repo.insertRule(tx, DEMO_BODY, DEMO_RULE);
    let position = 0;
    for (const account of demoMemberAccounts) {
      const r = ROLES[account.username];
      if (!r) continue;
      await repo.upsertMember(tx, { bodyCode: DEMO_BODY, userId: ids.get(account.username)!, role: r.role, title: r.title, substituteUserId: null, position: ++position });
    }
    const office = actorOf(ids.get('vanphong.hanoi')!, 'vanphong.hanoi');
    const chair = actorOf(ids.get('chutich.hanoi')!, 'chutich.hanoi');
    const plan = await upload(ctx, tx, office.id, 'du-thao-ke-hoach-chuyen-doi-so-2027.pdf', 'Dự thảo Kế hoạch chuyển đổi số Thành phố Hà Nội năm 2027', [
      'Mục tiêu: 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình.',
      'Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%; số hóa 100% kết quả giải quyết thủ tục hành chính còn hiệu lực.',
      'Kinh phí dự kiến: 1.250 tỷ đồng từ ngân sách Thành phố và nguồn xã hội hóa.',
    ]);
    const form = await createOpinionForm(ctx, tx, office, {
      subject: 'Kế hoạch chuyển đổi số Thành phố Hà Nội năm 2027',
      question: 'Đồng chí có đồng ý ban hành Kế hoạch chuyển đổi số Thành phố Hà Nội năm 2027 theo dự thảo kèm theo không?',
      documents: [plan],
      deadlineWorkingDays: 3,
    });
    await actOnOpinionForm(ctx, tx, chair, form.id, 'approve');
    await actOnOpinionForm(ctx, tx, office, form.id, 'send');

    const budget = await upload(ctx, tx, office.id, 'to-trinh-dieu-chinh-du-toan.pdf', 'Tờ trình điều chỉnh dự toán ngân sách Thành phố năm 2026', [
      'Điều chỉnh tăng chi đầu tư phát triển 320 tỷ đồng cho các dự án chuyển tiếp.',
      'Nguồn: tăng thu tiền sử dụng đất và tiết kiệm chi thường xuyên.',
    ]);
    const school = await upload(ctx, tx, office.id, 'de-an-truong-hoc.pdf', 'Đề án phát triển mạng lưới trường học giai đoạn 2026–2030', [
      'Xây mới 120 trường học tại các phường, xã đông dân cư; cải tạo 300 trường hiện có.',
    ]);
    const day = await addWorkingDays(tx, localDate(now), 2);
    await scheduleMeeting(ctx, tx, office, {
      title: 'Phiên họp thường kỳ UBND Thành phố tháng 12',
      startsAt: toLocalIso(localInstant(day, '08:30')),
      location: 'Phòng họp tầng 3, số 12 Lê Lai, Hoàn Kiếm, Hà Nội',
      agenda: [
        { title: 'Điều chỉnh dự toán ngân sách Thành phố năm 2026', presenter: 'Giám đốc Sở Tài chính', documents: [budget] },
        { title: 'Đề án phát triển mạng lưới trường học giai đoạn 2026–2030', presenter: 'Giám đốc Sở Xây dựng', documents: [school] },
      ],
    });
  });
}
