import { defineErrors } from '#platform/errors.ts';

export const AppointmentErrors = defineErrors({
  SLOT_NOT_OFFERED: {
    status: 400,
    vi: 'Khung giờ {start} ngày {date} không có trong lịch làm việc của cơ quan',
    en: 'There is no {start} slot on {date} in the agency’s office hours',
  },
  SLOT_IN_PAST: { status: 400, vi: 'Khung giờ này đã qua; vui lòng chọn khung giờ khác', en: 'This slot has passed; choose another one' },
  SLOT_FULL: { status: 409, vi: 'Khung giờ này đã đủ người; vui lòng chọn khung giờ khác', en: 'This slot is full; choose another one' },
  ALREADY_BOOKED: {
    status: 409,
    vi: 'Ông/Bà đã đặt lịch cho thủ tục này tại cơ quan này trong ngày (mã {code})',
    en: 'You already booked this procedure at this agency that day (code {code})',
  },
  AGENCY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cơ quan', en: 'Agency not found' },
  BOOKINGS_NOT_ALLOWED: { status: 403, vi: 'Chỉ cán bộ một cửa của cơ quan được xem lịch hẹn', en: 'Only the agency’s desk officers see its bookings' },
  BOOKING_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy lịch hẹn với mã và 4 số cuối điện thoại này',
    en: 'No booking with this code and these last 4 phone digits',
  },
  BOOKING_CANCELLED: { status: 409, vi: 'Lịch hẹn này đã được hủy', en: 'This booking was cancelled' },
  BOOKING_CLOSED: {
    status: 409,
    vi: 'Lịch hẹn này đã đến giờ hoặc đã được cán bộ ghi nhận nên không đổi hoặc hủy được nữa',
    en: 'This booking has begun or was already marked by the desk; it can no longer be moved or cancelled',
  },
  ATTENDANCE_TOO_EARLY: {
    status: 409,
    vi: 'Chưa đến giờ hẹn nên chưa ghi nhận được',
    en: 'The booking has not begun yet',
  },
  DESK_REASON_REQUIRED: {
    status: 400,
    vi: 'Cán bộ đổi giờ hoặc hủy lịch hẹn của công dân cần ghi lý do (ít nhất 5 ký tự); lý do được gửi cho công dân',
    en: 'The desk gives a reason (5 characters or more) when it moves or cancels a citizen’s booking; the citizen receives it',
  },
  BOOKING_FOR_CITIZENS: { status: 403, vi: 'Chỉ công dân được đặt lịch hẹn', en: 'Only citizens book appointments' },
});
