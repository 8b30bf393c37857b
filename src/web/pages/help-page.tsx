import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useInfoPage } from '../modules/portal/use-info-page.ts';
import { InfoPage, type InfoSection } from '../ui/info-page.tsx';

const to = (path: string, text: string) => (
  <Anchor component={Link} to={path}>
    {text}
  </Anchor>
);

/** Hướng dẫn và câu hỏi thường gặp, with the helpline and e-mail the installation publishes. */
export default function HelpPage() {
  const { en, title, info } = useInfoPage({ vi: 'Hướng dẫn và câu hỏi thường gặp', en: 'Help and frequently asked questions' });

  const contact: ReactNode[] = [];
  if (info?.hotline) contact.push(<strong key="h">{en ? `Helpline: ${info.hotline}` : `Tổng đài hỗ trợ: ${info.hotline}`}</strong>);
  if (info?.email)
    contact.push(
      <span key="e">
        {en ? 'E-mail: ' : 'Thư điện tử: '}
        <Anchor href={`mailto:${info.email}`}>{info.email}</Anchor>
      </span>,
    );
  if (info?.operator) contact.push(en ? `The portal is run by ${info.operator}.` : `Cổng do ${info.operator} vận hành.`);
  contact.push(
    en
      ? 'You can also ask at the one-stop desk (Bộ phận Một cửa) of any commune or ward People’s Committee, or of the provincial Public Administration Service Centre, during office hours.'
      : 'Bạn cũng có thể hỏi trực tiếp tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã hoặc Trung tâm Phục vụ hành chính công cấp tỉnh trong giờ hành chính.',
  );

  const sections: InfoSection[] = en
    ? [
        { id: 'lien-he', heading: 'Helpline and contact', paragraphs: contact },
        {
          id: 'tim-thu-tuc',
          heading: 'How do I find a procedure?',
          paragraphs: [
            <>
              Type a few words on the {to('/', 'home page')}, with or without Vietnamese accents (for example “dang ky khai sinh”), or a procedure code. You can also
              browse {to('/linh-vuc', 'by sector')} or {to('/co-quan', 'by implementing agency')}.
            </>,
            'Each procedure page shows the steps, how to submit with the deadline and fee of each channel, the papers to bring, who may apply, the implementing agency, the result, the legal basis and any conditions.',
          ],
        },
        {
          id: 'nop-truc-tuyen',
          heading: 'Can I apply online?',
          paragraphs: [
            'If the procedure page shows the “Submit online” button, yes: sign in with your VNeID account (or a portal account), fill in the form, attach the papers as PDF or photos, and send. You receive a dossier code and an appointment date.',
            'If the page says to submit in person, the procedure is not received online (or the catalogue has not yet published its processing time): bring the papers to the receiving agency shown under “Where to submit”.',
          ],
        },
        {
          id: 'theo-doi',
          heading: 'How do I follow my dossier?',
          paragraphs: [
            <>
              Enter the dossier code on the {to('/tra-cuu', 'tracking page')} — no sign-in needed; the applicant’s name is shown masked. Signed in, “My dossiers” lists all
              your dossiers with their history.
            </>,
          ],
        },
        {
          id: 'bo-sung',
          heading: 'What if I am asked to add papers?',
          paragraphs: [
            'The receiving officer tells you everything that is missing at once, in writing (form Mẫu 02). Add the papers from “My dossiers” or at the desk; the processing time restarts from when the dossier is complete.',
          ],
        },
        {
          id: 'phi',
          heading: 'How do I pay fees?',
          paragraphs: [
            'The procedure page shows the fee of each channel. Fees are paid online through the payment gateway when you submit online, or at the desk; an electronic receipt is issued.',
          ],
        },
        {
          id: 'ket-qua',
          heading: 'How do I check that a result is genuine?',
          paragraphs: [
            <>
              Results are digitally signed by the agency. Scan the QR code on the result, or open the {to('/verify', 'verification page')} and upload the PDF.
            </>,
          ],
        },
        {
          id: 'phan-anh',
          heading: 'How do I make a complaint or suggestion?',
          paragraphs: [<>Use the {to('/phan-anh-kien-nghi', 'feedback page')}; you receive a reference number to follow the answer.</>],
        },
      ]
    : [
        { id: 'lien-he', heading: 'Tổng đài và liên hệ hỗ trợ', paragraphs: contact },
        {
          id: 'tim-thu-tuc',
          heading: 'Tìm thủ tục hành chính như thế nào?',
          paragraphs: [
            <>
              Gõ vài từ trên {to('/', 'trang chủ')}, có dấu hoặc không dấu (ví dụ “dang ky khai sinh”), hoặc mã thủ tục. Bạn cũng có thể tra cứu{' '}
              {to('/linh-vuc', 'theo lĩnh vực')} hoặc {to('/co-quan', 'theo cơ quan thực hiện')}.
            </>,
            'Trang thủ tục nêu trình tự thực hiện, cách thức thực hiện (thời hạn và phí, lệ phí của từng hình thức nộp), thành phần hồ sơ, đối tượng thực hiện, cơ quan thực hiện, kết quả, căn cứ pháp lý và yêu cầu, điều kiện (nếu có).',
          ],
        },
        {
          id: 'nop-truc-tuyen',
          heading: 'Tôi có thể nộp hồ sơ trực tuyến không?',
          paragraphs: [
            'Nếu trang thủ tục có nút “Nộp trực tuyến”: đăng nhập bằng tài khoản định danh điện tử VNeID (hoặc tài khoản của cổng), điền tờ khai, đính kèm giấy tờ (PDF hoặc ảnh chụp) rồi gửi. Bạn nhận được mã hồ sơ và ngày hẹn trả kết quả.',
            'Nếu trang thủ tục hướng dẫn nộp trực tiếp: thủ tục này không tiếp nhận trực tuyến (hoặc danh mục chưa công bố thời hạn giải quyết). Bạn mang hồ sơ đến cơ quan tiếp nhận nêu ở mục “Nơi nộp hồ sơ”.',
          ],
        },
        {
          id: 'theo-doi',
          heading: 'Theo dõi hồ sơ như thế nào?',
          paragraphs: [
            <>
              Nhập mã hồ sơ tại trang {to('/tra-cuu', 'Tra cứu hồ sơ')} — không cần đăng nhập; họ tên người nộp được che bớt. Khi đã đăng nhập, mục “Hồ sơ của tôi” liệt kê mọi hồ sơ
              của bạn cùng quá trình xử lý.
            </>,
          ],
        },
        {
          id: 'bo-sung',
          heading: 'Khi được yêu cầu bổ sung hồ sơ thì làm gì?',
          paragraphs: [
            'Cán bộ tiếp nhận hướng dẫn đầy đủ một lần bằng văn bản (Mẫu 02) những giấy tờ còn thiếu. Bạn bổ sung tại mục “Hồ sơ của tôi” hoặc tại Bộ phận Một cửa; thời hạn giải quyết được tính lại từ khi hồ sơ đầy đủ.',
          ],
        },
        {
          id: 'phi',
          heading: 'Nộp phí, lệ phí như thế nào?',
          paragraphs: [
            'Trang thủ tục nêu phí, lệ phí của từng hình thức nộp. Khi nộp trực tuyến, bạn thanh toán qua cổng thanh toán; khi nộp trực tiếp, nộp tại Bộ phận Một cửa. Biên lai điện tử được cấp cho mỗi khoản thu.',
          ],
        },
        {
          id: 'ket-qua',
          heading: 'Kiểm tra kết quả có phải bản thật không?',
          paragraphs: [
            <>
              Kết quả được cơ quan ký số. Quét mã QR trên kết quả, hoặc mở trang {to('/verify', 'Kiểm tra kết quả')} và tải tệp PDF lên.
            </>,
          ],
        },
        {
          id: 'phan-anh',
          heading: 'Phản ánh, kiến nghị ở đâu?',
          paragraphs: [<>Gửi tại trang {to('/phan-anh-kien-nghi', 'Phản ánh, kiến nghị')}; bạn nhận được số tham chiếu để theo dõi câu trả lời.</>],
        },
      ];

  return (
    <InfoPage
      title={title}
      lead={
        en
          ? 'Answers to the questions citizens ask most about finding procedures, applying, following a dossier and receiving the result.'
          : 'Giải đáp những câu hỏi người dân thường gặp khi tìm thủ tục, nộp hồ sơ, theo dõi hồ sơ và nhận kết quả.'
      }
      sections={sections}
    />
  );
}
