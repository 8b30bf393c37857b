import { testCitizens } from './test-citizens.ts';

/**
 * The development provider's own pages (sign-in, consent, error): plain server-rendered HTML in
 * Vietnamese, labelled fields, visible focus, AA contrast, usable from 360 px.
 */
function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const style = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#f4f5f7}
header{background:#a50e0e;color:#fff;padding:12px 16px}
header p{margin:0;font-weight:600}
main{max-width:480px;margin:16px auto;padding:0 12px}
.card{background:#fff;border:1px solid #c9ccd1;border-radius:8px;padding:20px}
h1{font-size:1.4rem;margin:0 0 8px}
h2{font-size:1.1rem;margin:20px 0 8px}
label{display:block;font-weight:600;margin:12px 0 4px}
input[type=text],input[type=password]{width:100%;padding:10px;font-size:1rem;border:1px solid #5f6368;border-radius:6px}
input:focus,button:focus{outline:3px solid #0b57d0;outline-offset:2px}
.hint{margin:4px 0 0;color:#41464b;font-size:.9rem}
.error{background:#fdecea;border:1px solid #a50e0e;color:#7a0b0b;padding:10px;border-radius:6px;margin:12px 0}
.actions{display:flex;flex-wrap:wrap;gap:12px;margin-top:20px}
button{font-size:1rem;padding:10px 18px;border-radius:6px;border:1px solid #a50e0e;cursor:pointer;min-height:44px}
.primary{background:#a50e0e;color:#fff}
.secondary{background:#fff;color:#7a0b0b}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:6px;border-bottom:1px solid #dadce0}
ul{padding-left:20px}
.note{font-size:.9rem;color:#41464b;margin-top:16px}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} | Định danh điện tử (thử nghiệm)</title>
<style>${style}</style>
</head>
<body>
<header><p>Định danh điện tử — máy chủ thử nghiệm (không phải VNeID thật)</p></header>
<main>
<div class="card">
${body}
</div>
<p class="note">Máy chủ này chỉ chạy ở chế độ trình diễn (MOTCUA_DEV_EID) và đóng vai hệ thống định danh điện tử quốc gia.</p>
</main>
</body>
</html>`;
}

export function loginPage(input: { uid: string; clientName: string; idNumber?: string; error?: string }): string {
  const rows = testCitizens
    .map((c) => `<tr><td>${esc(c.fullName)}</td><td>${esc(c.idNumber)}</td></tr>`)
    .join('');
  const error = input.error ? `<div class="error" role="alert" id="login-error">${esc(input.error)}</div>` : '';
  const describedBy = input.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  return layout(
    'Đăng nhập',
    `<h1>Đăng nhập bằng định danh điện tử</h1>
<p><strong>${esc(input.clientName)}</strong> đề nghị xác thực danh tính của bạn.</p>
${error}
<form method="post" action="/dev-eid/interaction/${esc(input.uid)}/login" novalidate>
<label for="cccd">Số định danh cá nhân (CCCD)</label>
<input type="text" id="cccd" name="cccd" inputmode="numeric" autocomplete="username" maxlength="12" required value="${esc(input.idNumber ?? '')}"${describedBy}>
<p class="hint">12 chữ số.</p>
<label for="password">Mật khẩu</label>
<input type="password" id="password" name="password" autocomplete="current-password" required aria-describedby="password-hint">
<p class="hint" id="password-hint">Mật khẩu thử nghiệm của mọi công dân: VNeID@2026</p>
<div class="actions"><button class="primary" type="submit">Đăng nhập</button>
<button class="secondary" type="submit" formaction="/dev-eid/interaction/${esc(input.uid)}/abort" formnovalidate>Hủy</button></div>
</form>
<h2>Công dân thử nghiệm</h2>
<table><caption class="hint">Dữ liệu giả lập để thử đăng nhập</caption><thead><tr><th scope="col">Họ và tên</th><th scope="col">Số định danh</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

const claimLabels: Record<string, string> = {
  openid: 'Mã định danh tài khoản (sub)',
  profile: 'Họ và tên, ngày sinh',
  address: 'Địa chỉ nơi cư trú',
  cccd: 'Số định danh cá nhân (CCCD)',
  offline_access: 'Truy cập khi bạn không trực tuyến',
};

export function consentPage(input: { uid: string; clientName: string; fullName: string; scopes: string[] }): string {
  const items = input.scopes.map((s) => `<li>${esc(claimLabels[s] ?? s)}</li>`).join('');
  return layout(
    'Đồng ý chia sẻ thông tin',
    `<h1>Đồng ý chia sẻ thông tin</h1>
<p>Xin chào <strong>${esc(input.fullName)}</strong>. <strong>${esc(input.clientName)}</strong> đề nghị nhận các thông tin sau:</p>
<ul>${items}</ul>
<p>Thông tin này được dùng để điền sẵn các biểu mẫu, bạn không phải khai lại.</p>
<div class="actions">
<form method="post" action="/dev-eid/interaction/${esc(input.uid)}/confirm"><button class="primary" type="submit">Đồng ý</button></form>
<form method="post" action="/dev-eid/interaction/${esc(input.uid)}/abort"><button class="secondary" type="submit">Từ chối</button></form>
</div>`,
  );
}

export function errorPage(input: { code: string; description?: string }): string {
  return layout(
    'Lỗi',
    `<h1>Không thể hoàn tất đăng nhập</h1>
<div class="error" role="alert">Mã lỗi: <strong>${esc(input.code)}</strong>${input.description ? ` — ${esc(input.description)}` : ''}</div>
<p><a href="/dang-nhap" style="color:#0b57d0">Quay lại trang đăng nhập Một Cửa</a></p>`,
  );
}
