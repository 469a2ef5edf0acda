/** Reads the time choices of a reschedule page the way a browser would submit them. */
export interface Choice {
  /** The form's action (HTML entities decoded). */
  action: string;
  /** Its hidden fields: token, sequence, staff, start. */
  fields: Record<string, string>;
  /** The button's text. */
  label: string;
}

/** The time choices of a reschedule page, in page order. */
export function choices(html: string): Choice[] {
  return [...html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)]
    .filter(([, , inner]) => inner!.includes('name="start"'))
    .map(([, action, inner]) => ({
      action: action!.replace(/&amp;/g, '&'),
      fields: Object.fromEntries([...inner!.matchAll(/name="(\w+)" value="([^"]*)"/g)].map(([, k, v]) => [k!, v!])),
      label: /<button[^>]*>([^<]*)<\/button>/.exec(inner!)![1]!,
    }));
}
