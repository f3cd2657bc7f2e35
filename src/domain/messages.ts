/**
 * Messages to people (issue 19): the templates, their placeholders and their default wording in
 * Finnish, Swedish and English. A county may reword any template (message_template rows,
 * PUT /api/admin/message-templates/…); a wording may use only its template's placeholders, and a
 * text message (or any message to a resident) only the ones that reveal nothing sensitive: a
 * reference, a date, a phone number, the county's name. The name of the unit a matter went to is
 * allowed in e-mail to the resident (who gave the address and consented), never in a text message,
 * which others may read on a locked phone's screen.
 *
 * Syntax: {placeholder}. `{{` and `}}` are a literal brace. Pure: no IO.
 */
export const MESSAGE_LANGS = ['fi', 'sv', 'en'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];
export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_TEMPLATES = ['receipt', 'callback_confirmation', 'matter_forwarded', 'referral_reminder', 'escalation_notice'] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];

export interface TemplateSpec {
  recipient: 'resident' | 'unit' | 'supervisor';
  channels: readonly MessageChannel[];
  /** placeholders allowed per channel */
  placeholders: Record<MessageChannel, readonly string[]>;
}

const RESIDENT_SAFE = ['reference', 'countyName', 'phone', 'respondBy'] as const;

export const TEMPLATE_SPECS: Record<MessageTemplate, TemplateSpec> = {
  receipt: { recipient: 'resident', channels: ['email', 'sms'], placeholders: { email: RESIDENT_SAFE, sms: RESIDENT_SAFE } },
  callback_confirmation: { recipient: 'resident', channels: ['email', 'sms'], placeholders: { email: RESIDENT_SAFE, sms: RESIDENT_SAFE } },
  matter_forwarded: {
    recipient: 'resident', channels: ['email', 'sms'],
    placeholders: { email: ['reference', 'countyName', 'phone', 'unitName', 'unitPhone', 'contactBy'], sms: ['reference', 'countyName', 'phone', 'contactBy'] },
  },
  referral_reminder: {
    recipient: 'unit', channels: ['email'],
    placeholders: { email: ['reference', 'unitName', 'due', 'step', 'link', 'countyName'], sms: [] },
  },
  escalation_notice: {
    recipient: 'supervisor', channels: ['email'],
    placeholders: { email: ['reference', 'unitName', 'due', 'step', 'link', 'countyName'], sms: [] },
  },
};

export interface Wording { subject: string | null; body: string }
type Defaults = Record<MessageTemplate, Partial<Record<MessageChannel, Record<MessageLang, Wording>>>>;

export const DEFAULT_WORDINGS: Defaults = {
  receipt: {
    email: {
      fi: { subject: 'Yhteydenottosi on vastaanotettu ({reference})', body: 'Hei,\n\nsaimme yhteydenottosi. Viitenumero on {reference}.\nOtamme sinuun yhteyttä viimeistään {respondBy}.\nJos asiasi muuttuu kiireelliseksi, soita {phone}. Hätätilanteessa soita 112.\n\n{countyName}' },
      sv: { subject: 'Vi har tagit emot ditt meddelande ({reference})', body: 'Hej,\n\nvi har tagit emot ditt meddelande. Referensnumret är {reference}.\nVi kontaktar dig senast {respondBy}.\nOm ärendet blir brådskande, ring {phone}. I en nödsituation, ring 112.\n\n{countyName}' },
      en: { subject: 'We received your message ({reference})', body: 'Hello,\n\nwe received your message. Your reference is {reference}.\nWe will contact you by {respondBy}.\nIf it becomes urgent, call {phone}. In an emergency, call 112.\n\n{countyName}' },
    },
    sms: {
      fi: { subject: null, body: 'Yhteydenottosi on vastaanotettu, viite {reference}. Otamme yhteyttä viimeistään {respondBy}. Kiireessä {phone}, hätätilanteessa 112. {countyName}' },
      sv: { subject: null, body: 'Vi har tagit emot ditt meddelande, referens {reference}. Vi kontaktar dig senast {respondBy}. Brådskande {phone}, nödsituation 112. {countyName}' },
      en: { subject: null, body: 'We received your message, reference {reference}. We will contact you by {respondBy}. Urgent: {phone}, emergency: 112. {countyName}' },
    },
  },
  callback_confirmation: {
    email: {
      fi: { subject: 'Soittopyyntösi on vastaanotettu ({reference})', body: 'Hei,\n\nsaimme soittopyyntösi. Viitenumero on {reference}.\nSoitamme sinulle viimeistään {respondBy}. Puhelu voi tulla salaisesta numerosta.\nHätätilanteessa soita 112.\n\n{countyName}' },
      sv: { subject: 'Vi har tagit emot din begäran om samtal ({reference})', body: 'Hej,\n\nvi har tagit emot din begäran om att bli uppringd. Referensnumret är {reference}.\nVi ringer dig senast {respondBy}. Samtalet kan komma från ett dolt nummer.\nI en nödsituation, ring 112.\n\n{countyName}' },
      en: { subject: 'We received your callback request ({reference})', body: 'Hello,\n\nwe received your request for a call. Your reference is {reference}.\nWe will call you by {respondBy}. The call may come from a hidden number.\nIn an emergency, call 112.\n\n{countyName}' },
    },
    sms: {
      fi: { subject: null, body: 'Soittopyyntösi on vastaanotettu, viite {reference}. Soitamme viimeistään {respondBy}, mahdollisesti salaisesta numerosta. Hätätilanteessa 112. {countyName}' },
      sv: { subject: null, body: 'Din begäran om samtal har tagits emot, referens {reference}. Vi ringer senast {respondBy}, ev. från dolt nummer. Nödsituation 112. {countyName}' },
      en: { subject: null, body: 'Your callback request was received, reference {reference}. We will call by {respondBy}, maybe from a hidden number. Emergency: 112. {countyName}' },
    },
  },
  matter_forwarded: {
    email: {
      fi: { subject: 'Asiasi on välitetty eteenpäin ({reference})', body: 'Hei,\n\nasiasi {reference} on välitetty: {unitName}.\nHeistä otetaan sinuun yhteyttä viimeistään {contactBy}. Heidän puhelinnumeronsa on {unitPhone}.\nKysyttävää? Soita meille {phone}. Hätätilanteessa soita 112.\n\n{countyName}' },
      sv: { subject: 'Ditt ärende har förmedlats ({reference})', body: 'Hej,\n\nditt ärende {reference} har förmedlats till: {unitName}.\nDe kontaktar dig senast {contactBy}. Deras telefonnummer är {unitPhone}.\nFrågor? Ring oss på {phone}. I en nödsituation, ring 112.\n\n{countyName}' },
      en: { subject: 'Your matter has been passed on ({reference})', body: 'Hello,\n\nyour matter {reference} went to {unitName}.\nThey will contact you by {contactBy}. Their phone number is {unitPhone}.\nQuestions? Call us on {phone}. In an emergency, call 112.\n\n{countyName}' },
    },
    sms: {
      fi: { subject: null, body: 'Asiasi {reference} on välitetty eteenpäin. Sinuun otetaan yhteyttä viimeistään {contactBy}. Kysyttävää: {phone}. {countyName}' },
      sv: { subject: null, body: 'Ditt ärende {reference} har förmedlats. Du blir kontaktad senast {contactBy}. Frågor: {phone}. {countyName}' },
      en: { subject: null, body: 'Your matter {reference} has been passed on. You will be contacted by {contactBy}. Questions: {phone}. {countyName}' },
    },
  },
  referral_reminder: {
    email: {
      fi: { subject: 'Muistutus: lähete {reference} odottaa', body: 'Hei {unitName},\n\nlähetteen {reference} {step} oli määrä tehdä viimeistään {due}, eikä sitä ole vielä merkitty tehdyksi.\nAvaa lähete: {link}\n\n{countyName}, asiakasohjaus' },
      sv: { subject: 'Påminnelse: remissen {reference} väntar', body: 'Hej {unitName},\n\nremissen {reference}: {step} skulle ha gjorts senast {due} och har ännu inte markerats som gjord.\nÖppna remissen: {link}\n\n{countyName}, klienthänvisning' },
      en: { subject: 'Reminder: referral {reference} is waiting', body: 'Hello {unitName},\n\nreferral {reference}: {step} was due by {due} and is not yet marked as done.\nOpen the referral: {link}\n\n{countyName}, client guidance' },
    },
  },
  escalation_notice: {
    email: {
      fi: { subject: 'Myöhässä: lähete {reference} ({unitName})', body: 'Hei,\n\nlähete {reference} yksikölle {unitName} on myöhässä: {step} viimeistään {due}. Yksikköä on muistutettu.\nAvaa lähete: {link}\n\n{countyName}, asiakasohjaus' },
      sv: { subject: 'Försenad: remissen {reference} ({unitName})', body: 'Hej,\n\nremissen {reference} till {unitName} är försenad: {step} senast {due}. Enheten har påmints.\nÖppna remissen: {link}\n\n{countyName}, klienthänvisning' },
      en: { subject: 'Late: referral {reference} ({unitName})', body: 'Hello,\n\nreferral {reference} to {unitName} is late: {step} by {due}. The unit has been reminded.\nOpen the referral: {link}\n\n{countyName}, client guidance' },
    },
  },
};

/** The step a reminder names, by escalation level: 1 accept the referral, 2 reach the client. */
export const REMINDER_STEPS: Record<1 | 2, Record<MessageLang, string>> = {
  1: { fi: 'vastaanotto', sv: 'mottagandet', en: 'accepting it' },
  2: { fi: 'yhteydenotto asiakkaaseen', sv: 'kontakten med klienten', en: 'contacting the client' },
};

export interface PlaceholderProblem { placeholder: string; problem: 'unknown_placeholder' | 'placeholder_not_allowed' | 'unbalanced_brace' }

const TOKEN = /\{\{|\}\}|\{([A-Za-z]*)\}|\{|\}/g;

/** The placeholders a wording uses, with what is wrong with each (empty: fine for this template and channel). */
export function checkWording(template: MessageTemplate, channel: MessageChannel, text: string): PlaceholderProblem[] {
  const allowed = TEMPLATE_SPECS[template].placeholders[channel];
  const known = new Set(Object.values(TEMPLATE_SPECS[template].placeholders).flat());
  const problems: PlaceholderProblem[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[0] === '{{' || m[0] === '}}') continue;
    if (m[1] === undefined) { problems.push({ placeholder: m[0], problem: 'unbalanced_brace' }); continue; }
    const name = m[1];
    if (allowed.includes(name)) continue;
    problems.push({ placeholder: `{${name}}`, problem: known.has(name) ? 'placeholder_not_allowed' : 'unknown_placeholder' });
  }
  return problems;
}

/** Fills a checked wording; a placeholder without a value becomes '–' (a message never shows a raw {name}). */
export function render(text: string, values: Record<string, string | null | undefined>): string {
  return text.replace(TOKEN, (whole, name: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    if (name === undefined) return whole;
    const v = values[name];
    return v === null || v === undefined || v === '' ? '–' : v;
  });
}

/** A date in a message, as people write it (27.11.2026; the same in English is understood), from YYYY-MM-DD. */
export function messageDate(isoDate: string | null | undefined): string | null {
  const m = isoDate ? /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate) : null;
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : null;
}

/** A wording's values narrowed to what its channel may show: a text message's never hold the unit's name, whatever the caller passed. */
export function allowedValues(template: MessageTemplate, channel: MessageChannel, values: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of TEMPLATE_SPECS[template].placeholders[channel]) {
    const v = values[name];
    if (typeof v === 'string' && v !== '') out[name] = v;
  }
  return out;
}
