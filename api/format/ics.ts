// iCalendar (RFC 5545) for subscribing to deadlines: CRLF line ends, lines folded at 75 octets
// without splitting a UTF-8 character, TEXT values escaped, one all-day VEVENT per deadline.

export interface CalendarEvent {
  /** Stable across downloads, so a subscribed calendar updates events instead of duplicating them. */
  uid: string;
  /** When this information was last revised (ISO date-time). */
  stamp: string;
  /** The all-day date (YYYY-MM-DD) the event sits on. */
  date: string;
  summary: string;
  description: string;
  url: string;
}

export interface Calendar {
  name: string;
  events: CalendarEvent[];
}

export function toIcs(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Aftalesøg//Frister//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${utcStamp(event.stamp)}`,
      `DTSTART;VALUE=DATE:${compactDate(event.date)}`,
      // DTEND is exclusive: an all-day event ends the next day.
      `DTEND;VALUE=DATE:${compactDate(nextDay(event.date))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `URL:${event.url}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Splits a content line into 75-octet pieces; each continuation starts with one space. */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      pieces.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n');
}

function compactDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function utcStamp(isoDateTime: string): string {
  return new Date(isoDateTime).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
