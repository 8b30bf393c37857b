import { Anchor } from '@mantine/core';
import { useInfoPage } from '../modules/portal/use-info-page.ts';
import { InfoPage, type InfoSection } from '../ui/info-page.tsx';

/** Tuyên bố về khả năng tiếp cận: the standard aimed at, how it is checked, known limits, how to report a barrier. */
export default function AccessibilityPage() {
  const { en, title, info } = useInfoPage({ vi: 'Tuyên bố về khả năng tiếp cận', en: 'Accessibility statement' });
  const contact = (
    <>
      {info?.hotline ? (en ? `the helpline ${info.hotline}, ` : `tổng đài ${info.hotline}, `) : null}
      {info?.email ? (
        <>
          {en ? 'e-mail ' : 'thư điện tử '}
          <Anchor href={`mailto:${info.email}`}>{info.email}</Anchor>
          {', '}
        </>
      ) : null}
    </>
  );

  const sections: InfoSection[] = en
    ? [
        {
          id: 'tieu-chuan',
          heading: 'Standard',
          paragraphs: [
            'This portal aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, so that everyone — including people with visual, hearing, motor or cognitive disabilities and older people — can find procedures, apply and follow their dossiers.',
          ],
        },
        {
          id: 'lam-gi',
          heading: 'What we do',
          items: [
            'Every page can be used with the keyboard alone; a “Skip to main content” link comes first, and focus moves to the new page after each navigation.',
            'Form fields have labels; errors are said next to each field and focus goes to the first one.',
            'Text and controls meet the AA contrast ratios; pages work on a 360-pixel-wide phone and when zoomed to 200%.',
            'Pages are in Vietnamese with correct diacritics and declare their language, so screen readers read them correctly; an English version is offered.',
            'Each new screen is checked with the automated axe accessibility checker in our browser tests.',
          ],
        },
        {
          id: 'han-che',
          heading: 'Known limitations',
          items: [
            'Procedure sheets imported from the national catalogue can contain very long paragraphs in the administration’s own wording.',
            'Some forms and templates published by ministries are scanned documents that screen readers cannot read.',
          ],
        },
        {
          id: 'phan-hoi',
          heading: 'Reporting a barrier',
          paragraphs: [
            <>If something on the portal is hard to use for you, tell us through {contact}the feedback page, or at any one-stop desk; we will help you complete your procedure by another means.</>,
          ],
        },
      ]
    : [
        {
          id: 'tieu-chuan',
          heading: 'Tiêu chuẩn áp dụng',
          paragraphs: [
            'Cổng hướng tới đáp ứng Hướng dẫn về khả năng tiếp cận nội dung web (WCAG) 2.1 mức AA, để mọi người — kể cả người khuyết tật thị giác, thính giác, vận động, nhận thức và người cao tuổi — đều tìm được thủ tục, nộp và theo dõi hồ sơ.',
          ],
        },
        {
          id: 'lam-gi',
          heading: 'Những gì chúng tôi thực hiện',
          items: [
            'Mọi trang dùng được hoàn toàn bằng bàn phím; liên kết “Bỏ qua, đến nội dung chính” đứng đầu trang, và tiêu điểm chuyển đến nội dung trang mới sau mỗi lần chuyển trang.',
            'Mọi trường nhập liệu có nhãn; lỗi được báo ngay cạnh từng trường và tiêu điểm chuyển đến trường lỗi đầu tiên.',
            'Chữ và nút bấm đạt độ tương phản mức AA; trang dùng được trên điện thoại rộng 360 điểm ảnh và khi phóng to 200%.',
            'Trang viết bằng tiếng Việt có dấu đầy đủ và khai báo ngôn ngữ để trình đọc màn hình đọc đúng; có phiên bản tiếng Anh.',
            'Mỗi màn hình mới được kiểm tra bằng công cụ tự động axe trong các bài kiểm thử trên trình duyệt.',
          ],
        },
        {
          id: 'han-che',
          heading: 'Hạn chế đã biết',
          items: [
            'Nội dung thủ tục nhập từ danh mục quốc gia có thể gồm những đoạn văn rất dài theo nguyên văn của cơ quan công bố.',
            'Một số biểu mẫu do các bộ, ngành công bố là bản quét, trình đọc màn hình không đọc được.',
          ],
        },
        {
          id: 'phan-hoi',
          heading: 'Phản ánh về khả năng tiếp cận',
          paragraphs: [
            <>
              Nếu phần nào của cổng khó sử dụng đối với bạn, hãy cho chúng tôi biết qua {contact}trang Phản ánh, kiến nghị, hoặc tại bất kỳ Bộ phận Một cửa nào; cán bộ sẽ hỗ trợ bạn hoàn
              thành thủ tục bằng cách khác.
            </>,
          ],
        },
      ];

  return (
    <InfoPage
      title={title}
      lead={en ? 'How this portal is made usable by everyone, and how to tell us when it is not.' : 'Cổng được xây dựng để mọi người đều sử dụng được, và cách cho chúng tôi biết khi chưa được như vậy.'}
      sections={sections}
    />
  );
}
