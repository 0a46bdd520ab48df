// CSV that Excel opens right in a Danish locale: a UTF-8 byte order mark (else æøå come out
// garbled), `;` between fields (Danish Excel reads `,` as the decimal mark) and CRLF line ends.

const BOM = '\uFEFF';

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(';'));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A cell starting with = + - @ is read as a formula by spreadsheets; a leading ' keeps it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
