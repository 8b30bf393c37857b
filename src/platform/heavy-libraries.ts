/**
 * Libraries a process may never need, loaded at their first use instead of at start: a server
 * that never exports a spreadsheet or watermarks a Cabinet paper does not pay for them (about
 * 0.3 s of CPU for ExcelJS and 0.55 s for pdf-lib with fontkit, in every process and test file).
 */
export async function loadExcel() {
  return (await import('exceljs')).default;
}

export async function loadPdfLib() {
  const [pdfLib, fontkit] = await Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit')]);
  return { ...pdfLib, fontkit: fontkit.default };
}
