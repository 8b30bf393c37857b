import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>Một Cửa</h1>);
