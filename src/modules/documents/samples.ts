import type {
  ApologyLetterData,
  ControlSlipData,
  FormCommon,
  LedgerData,
  ReceiptData,
  RefusalNoticeData,
  SupplementNoticeData,
} from './documents.types.ts';

/** Sample data for tests and for looking at the forms (artifacts/documents). */
const common: FormCommon = {
  code: '000.00.50.H01-261125-0001',
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm',
  applicant: {
    fullName: 'Nguyễn Thị Ánh Tuyết',
    phone: '0912345678',
    email: 'tuyet@example.vn',
    idNumber: '001190012345',
    address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội' },
  },
  receivedAt: '2026-11-25T09:15:00+07:00',
  dueAt: '2026-11-26T15:00:00+07:00',
  issuedAt: '2026-11-25T09:16:00+07:00',
};

export const sampleReceipt: ReceiptData = {
  ...common,
  code: '000.00.50.H01-261125-0001',
  officerName: 'Lê Văn Đức',
  deadline: { value: 1, unit: 'working_days' },
  components: [
    { code: 'TP1', name: 'Tờ khai đăng ký khai sinh theo mẫu', original: 1, copy: 0 },
    { code: 'TP2', name: 'Giấy chứng sinh', original: 1, copy: 0 },
    { code: 'TP3', name: 'Giấy chứng nhận kết hôn của cha, mẹ', original: 0, copy: 1, provided: false },
  ],
  placeOfReturn: 'Bộ phận Tiếp nhận và Trả kết quả, Ủy ban nhân dân Phường Hoàn Kiếm',
  trackingUrl: 'https://motcua.example.vn/tra-cuu/000.00.50.H01-261125-0001',
  ledgerVolume: '01/2026',
  ledgerNumber: 1,
};

export const sampleSupplement: SupplementNoticeData = {
  ...common,
  reason: 'Giấy chứng sinh bị mờ, không đọc được họ tên người mẹ',
  items: [
    { code: 'TP2', name: 'Giấy chứng sinh', reason: 'Bản chụp mờ, cần bản chính rõ nét' },
    { code: 'TP3', name: 'Giấy chứng nhận kết hôn của cha, mẹ' },
  ],
  officerName: 'Lê Văn Đức',
  requestedAt: '2026-11-25T10:00:00+07:00',
};

export const sampleRefusal: RefusalNoticeData = {
  ...common,
  code: null,
  receivedAt: null,
  dueAt: null,
  reason: 'Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân Phường Hoàn Kiếm',
  officerName: 'Lê Văn Đức',
  refusedAt: '2026-11-25T10:30:00+07:00',
};

export const sampleApology: ApologyLetterData = {
  ...common,
  reason: 'Cần xác minh thông tin với Ủy ban nhân dân xã nơi cư trú trước đây của người mẹ',
  previousDueAt: '2026-11-26T15:00:00+07:00',
  newDueAt: '2026-11-30T15:00:00+07:00',
  signerName: 'Phạm Thị Hồng',
  issuedAt: '2026-11-26T08:00:00+07:00',
};

export const sampleControlSlip: ControlSlipData = {
  ...common,
  code: '000.00.50.H01-261125-0001',
  issuedAt: '2026-11-27T16:00:00+07:00',
  steps: [
    {
      fromAgency: 'Bộ phận Một cửa Phường Hoàn Kiếm',
      fromUser: 'Lê Văn Đức',
      toAgency: 'Công chức Tư pháp - Hộ tịch',
      toUser: 'Trần Minh Quân',
      sentAt: '2026-11-25T09:30:00+07:00',
      subDueAt: '2026-11-26T11:00:00+07:00',
      finishedAt: '2026-11-26T10:00:00+07:00',
      outcome: 'truoc_han',
      note: 'Thẩm định hồ sơ',
    },
    {
      fromAgency: 'Công chức Tư pháp - Hộ tịch',
      fromUser: 'Trần Minh Quân',
      toAgency: 'Lãnh đạo Ủy ban nhân dân Phường',
      toUser: 'Phạm Thị Hồng',
      sentAt: '2026-11-26T10:00:00+07:00',
      subDueAt: '2026-11-26T14:00:00+07:00',
      finishedAt: '2026-11-26T16:30:00+07:00',
      outcome: 'qua_han',
      note: 'Ký duyệt',
    },
  ],
};

export const sampleLedger: LedgerData = {
  agencyCode: '000.00.50.H01',
  agencyName: 'Ủy ban nhân dân Phường Hoàn Kiếm',
  from: '2026-11-01',
  to: '2026-11-30',
  rows: [
    {
      seq: 1,
      code: '000.00.50.H01-261125-0001',
      procedureName: 'Đăng ký khai sinh',
      quantity: 2,
      applicantName: 'Nguyễn Thị Ánh Tuyết',
      applicantContact: 'Số 1 phố Tràng Tiền; 0912345678',
      leadAgency: 'Ủy ban nhân dân Phường Hoàn Kiếm',
      receivedAt: '2026-11-25T09:15:00+07:00',
      dueAt: '2026-11-26T15:00:00+07:00',
      forwardedTo: 'Ủy ban nhân dân Phường Hoàn Kiếm',
      resultAt: '2026-11-26T16:30:00+07:00',
      returnedAt: '2026-11-27T08:00:00+07:00',
      note: 'Đã trả kết quả',
    },
    {
      seq: 2,
      code: '000.00.50.H01-261125-0002',
      procedureName: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      quantity: 1,
      applicantName: 'Đỗ Quốc Việt',
      applicantContact: '12 Hàng Bài; 0987654321',
      leadAgency: 'Ủy ban nhân dân Phường Hoàn Kiếm',
      receivedAt: '2026-11-25T14:05:00+07:00',
      dueAt: '2026-11-25T17:00:00+07:00',
      forwardedTo: 'Ủy ban nhân dân Phường Hoàn Kiếm',
      resultAt: null,
      returnedAt: null,
      note: 'Đang xử lý',
    },
  ],
  issuedAt: '2026-12-01T08:00:00+07:00',
};
