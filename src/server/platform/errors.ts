import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Errors are data: one handler turns every failure into RFC 9457 problem+json with a stable
 * `code`, a message in the request's language and, for bad input, the list of invalid fields.
 */
export type Lang = 'fi' | 'sv' | 'en';

/**
 * Stable reasons a field is wrong: clients show their own text for them in the reader's language;
 * `message` stays the English explanation for API users and logs.
 */
export type FieldErrorCode =
  | 'required' | 'invalid' | 'invalid_format' | 'invalid_choice' | 'too_long' | 'unknown_code'
  | 'invalid_hetu' | 'invalid_phone' | 'identifier_required' | 'personal_data_not_allowed' | 'personal_data_in_text' | 'future_time'
  | 'consent_required' | 'invalid_character' | 'date_in_past' | 'date_too_far' | 'unknown_question' | 'invalid_answer'
  // county administration (issue 18)
  | 'code_in_use' | 'code_required' | 'last_admin' | 'unit_in_use' | 'overlap' | 'closes_before_opens' | 'invalid_role'
  // integration and messaging (issue 19)
  | 'invalid_url' | 'invalid_cursor' | 'unknown_placeholder' | 'placeholder_not_allowed' | 'unbalanced_brace';

export interface FieldError {
  field: string;
  message: string;
  code?: FieldErrorCode;
}

const messages = {
  validation_failed: { fi: 'Pyynnössä on virheellisiä tietoja.', sv: 'Begäran innehåller felaktiga uppgifter.', en: 'The request contains invalid data.' },
  bad_request: { fi: 'Pyyntöä ei voitu lukea.', sv: 'Begäran kunde inte läsas.', en: 'The request could not be read.' },
  not_found: { fi: 'Hakemaasi kohdetta ei löytynyt.', sv: 'Det du sökte hittades inte.', en: 'What you asked for was not found.' },
  method_not_allowed: { fi: 'Toiminto ei ole sallittu tälle osoitteelle.', sv: 'Åtgärden är inte tillåten för denna adress.', en: 'This method is not allowed here.' },
  unauthenticated: { fi: 'Kirjaudu sisään.', sv: 'Logga in.', en: 'Please log in.' },
  forbidden: { fi: 'Sinulla ei ole oikeutta tähän toimintoon.', sv: 'Du har inte behörighet till denna åtgärd.', en: 'You are not allowed to do this.' },
  csrf_failed: { fi: 'Lomakkeen turvatunniste puuttuu tai on vanhentunut. Lataa sivu uudelleen.', sv: 'Formulärets säkerhetskod saknas eller har gått ut. Ladda om sidan.', en: 'The security token is missing or expired. Reload the page.' },
  invalid_credentials: { fi: 'Käyttäjätunnus tai salasana on väärin.', sv: 'Fel användarnamn eller lösenord.', en: 'Wrong username or password.' },
  login_throttled: { fi: 'Liian monta epäonnistunutta kirjautumista. Yritä myöhemmin uudelleen.', sv: 'För många misslyckade inloggningar. Försök igen senare.', en: 'Too many failed logins. Try again later.' },
  oidc_failed: { fi: 'Kirjautuminen tunnistuspalvelun kautta epäonnistui.', sv: 'Inloggningen via identifieringstjänsten misslyckades.', en: 'Login through the identity provider failed.' },
  oidc_not_configured: { fi: 'Kertakirjautumista ei ole otettu käyttöön.', sv: 'Single sign-on är inte aktiverat.', en: 'Single sign-on is not enabled.' },
  no_role: { fi: 'Käyttäjätunnuksellesi ei ole annettu Opastimen käyttöoikeutta.', sv: 'Ditt konto har ingen behörighet till Opastin.', en: 'Your account has no Opastin role.' },
  conflict: { fi: 'Tieto on jo olemassa tai sitä on muutettu samaan aikaan.', sv: 'Uppgiften finns redan eller ändrades samtidigt.', en: 'The data already exists or was changed at the same time.' },
  already_claimed: { fi: 'Toinen työntekijä otti yhteydenoton juuri käsittelyyn.', sv: 'En annan arbetstagare tog just kontakten.', en: 'Another worker just took this contact.' },
  not_assignee: { fi: 'Yhteydenotto on toisen työntekijän käsittelyssä.', sv: 'Kontakten hanteras av en annan arbetstagare.', en: 'Another worker is handling this contact.' },
  invalid_transition: { fi: 'Toimintoa ei voi tehdä yhteydenoton nykyisessä tilassa.', sv: 'Åtgärden kan inte göras i kontaktens nuvarande status.', en: 'This cannot be done in the contact’s current status.' },
  unknown_code: { fi: 'Tuntematon koodi.', sv: 'Okänd kod.', en: 'Unknown code.' },
  personal_data_in_anonymous: { fi: 'Nimettömään yhteydenottoon ei saa tallentaa henkilötietoja.', sv: 'En anonym kontakt får inte innehålla personuppgifter.', en: 'An anonymous contact cannot hold personal data.' },
  closing_incomplete: { fi: 'Täytä tilastotiedot ennen päättämistä.', sv: 'Fyll i statistikuppgifterna innan du avslutar.', en: 'Fill in the statistics before closing.' },
  unknown_call: { fi: 'Tuntematon puhelu.', sv: 'Okänt samtal.', en: 'Unknown call.' },
  idempotency_key_reused: { fi: 'Sama pyyntötunniste on jo käytetty eri sisällöllä.', sv: 'Samma begärans nyckel har redan använts med annat innehåll.', en: 'This Idempotency-Key was already used with a different request.' },
  not_your_unit: { fi: 'Lähete on osoitettu toiselle yksikölle.', sv: 'Remissen är riktad till en annan enhet.', en: 'The referral is addressed to another unit.' },
  referral_transition: { fi: 'Toimintoa ei voi tehdä lähetteen nykyisessä tilassa.', sv: 'Åtgärden kan inte göras i remissens nuvarande status.', en: 'This cannot be done in the referral’s current status.' },
  already_accepted: { fi: 'Toinen työntekijä otti lähetteen juuri vastaan.', sv: 'En annan arbetstagare tog just emot remissen.', en: 'Another worker just accepted this referral.' },
  consent_required: { fi: 'Toiminto vaatii asiakkaan suostumuksen.', sv: 'Åtgärden kräver klientens samtycke.', en: 'This needs the client’s consent.' },
  payload_too_large: { fi: 'Lähetetty tieto on liian suuri.', sv: 'De skickade uppgifterna är för stora.', en: 'The data sent is too large.' },
  unsupported_media_type: { fi: 'Lähetä tiedot JSON-muodossa.', sv: 'Skicka uppgifterna som JSON.', en: 'Send the data as JSON.' },
  rate_limited: { fi: 'Lähetyksiä on tullut tästä osoitteesta tai numerosta liian monta. Yritä myöhemmin uudelleen tai soita meille.', sv: 'För många inskickade formulär från denna adress eller detta nummer. Försök senare eller ring oss.', en: 'Too many submissions from this address or number. Try again later or call us.' },
  too_many_requests: { fi: 'Liian monta pyyntöä lyhyessä ajassa. Odota hetki ja yritä uudelleen.', sv: 'För många förfrågningar på kort tid. Vänta en stund och försök igen.', en: 'Too many requests in a short time. Wait a moment and try again.' },
  claimed_by_other: { fi: 'Yhteydenotto on toisen työntekijän käsittelyssä.', sv: 'Kontakten hanteras av en annan arbetstagare.', en: 'Another worker is handling this contact.' },
  automated_submission: { fi: 'Lomake näyttää koneen täyttämältä, joten sitä ei lähetetty. Jos olet ihminen, soita meille.', sv: 'Formuläret verkar ha fyllts i automatiskt och skickades inte. Om du är en människa, ring oss.', en: 'The form looks machine-filled, so it was not sent. If you are a person, please call us.' },
  service_unavailable: { fi: 'Palvelu on hetken poissa käytöstä. Yritä hetken päästä uudelleen; tietojasi ei ole tallennettu.', sv: 'Tjänsten är tillfälligt otillgänglig. Försök igen om en stund; dina uppgifter har inte sparats.', en: 'The service is briefly unavailable. Try again in a moment; nothing was saved.' },
  chat_closed: { fi: 'Chat on nyt suljettu. Voit jättää yhteydenottopyynnön tai pyytää soittoa.', sv: 'Chatten är stängd nu. Du kan lämna en kontaktbegäran eller be oss ringa.', en: 'The chat is closed now. You can leave a contact request or ask us to call you.' },
  chat_ended: { fi: 'Chat on päättynyt.', sv: 'Chatten har avslutats.', en: 'The chat has ended.' },
  chat_token_required: { fi: 'Chatin tunniste puuttuu. Aloita uusi chat.', sv: 'Chattens nyckel saknas. Starta en ny chatt.', en: 'The chat key is missing. Start a new chat.' },
  chat_limit: { fi: 'Sinulla on jo enimmäismäärä chatteja käsittelyssä.', sv: 'Du har redan det högsta antalet chattar.', en: 'You already hold the most chats allowed.' },
  chat_not_active: { fi: 'Chat ei ole käynnissä: ota se ensin tai se on päättynyt.', sv: 'Chatten pågår inte: ta den först, eller så har den avslutats.', en: 'The chat is not active: take it first, or it has ended.' },
  feedback_not_found: { fi: 'Palautelinkkiä ei löytynyt.', sv: 'Länken för respons hittades inte.', en: 'The feedback link was not found.' },
  feedback_expired: { fi: 'Palautelinkki on vanhentunut.', sv: 'Länken för respons har gått ut.', en: 'The feedback link has expired.' },
  feedback_already_given: { fi: 'Palaute on jo annettu. Kiitos!', sv: 'Respons har redan getts. Tack!', en: 'Feedback has already been given. Thank you!' },
  not_identified: { fi: 'Tasot 2 ja 3 vaativat tunnistetun henkilön: yhteydenotto on nimetön tai sen henkilötiedot on poistettu.', sv: 'Nivå 2 och 3 kräver en identifierad person: kontakten är anonym eller personuppgifterna har raderats.', en: 'Levels 2 and 3 need an identified person: the contact is anonymous or its personal data have been erased.' },
  level_unchanged: { fi: 'Taso on jo tämä.', sv: 'Nivån är redan denna.', en: 'The level is already this.' },
  level_lowering_closes: { fi: 'Tasolle 1 palataan päättämällä ohjaus.', sv: 'Man återgår till nivå 1 genom att avsluta handledningen.', en: 'Return to level 1 by closing the guidance.' },
  case_closed: { fi: 'Ohjaus on jo päätetty.', sv: 'Handledningen har redan avslutats.', en: 'The guidance has already been closed.' },
  battery_superseded: { fi: 'Kysymyssarjasta on uudempi versio: käytä sitä.', sv: 'Det finns en nyare version av frågeserien: använd den.', en: 'The question battery has a newer version: use it.' },
  follow_up_done: { fi: 'Seuranta on jo kirjattu tehdyksi.', sv: 'Uppföljningen har redan registrerats som gjord.', en: 'The follow-up has already been recorded as done.' },
  meeting_not_open: { fi: 'Palaveri on jo kirjattu tai peruttu.', sv: 'Mötet har redan registrerats eller ställts in.', en: 'The meeting has already been recorded or cancelled.' },
  not_anchored: { fi: 'Kirjaa ensin palvelu, johon henkilö kiinnittyi.', sv: 'Registrera först tjänsten som personen förankrades i.', en: 'First record the service the person is anchored in.' },
  outreach_incomplete: { fi: 'Ei luovuteta: kirjaa ainakin kolme tavoitteluyritystä ennen kuin päätät ohjauksen tavoittamattomana.', sv: 'Vi ger inte upp: registrera minst tre kontaktförsök innan handledningen avslutas som ej nådd.', en: 'Do not give up: log at least three outreach attempts before closing as not reached.' },
  cursor_expired: { fi: 'Osa kohdan jälkeisistä tapahtumista on jo poistettu säilytysajan päätyttyä. Aloita alusta ilman kohtaa ja täsmäytä tiedot.', sv: 'En del händelser efter markören har redan raderats när lagringstiden gick ut. Börja om utan markör och stäm av uppgifterna.', en: 'Some events after this cursor are gone: their retention time ended. Start again without `after` and reconcile.' },
  internal: { fi: 'Odottamaton virhe. Virhe on kirjattu.', sv: 'Ett oväntat fel. Felet har loggats.', en: 'An unexpected error. It has been logged.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof messages;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fields: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    /** extra members of the problem document (RFC 9457 extensions), e.g. emergencyContacts */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? code);
  }
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    emergencyContacts: z.array(z.object({ kind: z.string(), phone: z.string(), openNow: z.boolean() })).optional()
      .describe('On a refused public request that says or shows danger now: whom to call now (112 first)'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export function requestLang(req: FastifyRequest): Lang {
  const header = String(req.headers['accept-language'] ?? '').toLowerCase();
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2);
    if (tag === 'fi' || tag === 'sv' || tag === 'en') return tag;
  }
  return 'fi';
}

function send(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const lang = requestLang(req);
  const body = {
    type: `/problems/${err.code.replace(/_/g, '-')}`,
    title: messages[err.code][lang],
    status: err.status,
    code: err.code,
    ...(err.detail ? { detail: err.detail } : {}),
    instance: req.url.split('?')[0],
    ...(err.fields.length ? { errors: err.fields } : {}),
    ...err.extensions,
  };
  return reply.code(err.status).headers(err.headers).type('application/problem+json').serializer(JSON.stringify).send(body);
}

// 57014: a statement ended by statement_timeout (config DB_STATEMENT_TIMEOUT_MS); 25P03: a session ended
// by idle_in_transaction_session_timeout. Both: try again shortly, nothing was saved.
const UNAVAILABLE_PG_CODES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004', '57014', '25P03']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (UNAVAILABLE_PG_CODES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
  const message = String((err as Error)?.message ?? '');
  return /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Query read timeout|Cannot use a pool after calling end|driver has already been destroyed|database system is (starting up|shutting down)|PGlite is closed/i.test(message);
}

function validationCode(keyword: string, message: string | undefined, params: Record<string, unknown> | undefined): FieldErrorCode {
  switch (keyword) {
    case 'invalid_type': return /received undefined/.test(message ?? '') ? 'required' : 'invalid';
    case 'too_small': return params?.origin === 'string' && params.minimum === 1 ? 'required' : 'invalid';
    case 'too_big': return params?.origin === 'string' ? 'too_long' : 'invalid';
    case 'invalid_format': return 'invalid_format';
    case 'invalid_value': return 'invalid_choice';
    default: return 'invalid';
  }
}

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const err = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const fields = err.validation.map((v): FieldError => {
      const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      return { field: path ? `${where}.${path}` : where, message: v.message ?? 'invalid', code: validationCode(v.keyword, v.message, v.params) };
    });
    return new AppError(400, 'validation_failed', undefined, fields);
  }
  if (isResponseSerializationError(err)) return null;
  if (isDatabaseUnavailable(err)) return new AppError(503, 'service_unavailable', undefined, [], { 'retry-after': '5' });
  if (err?.code === '23505') return new AppError(409, 'conflict');
  // two transactions waited for each other (deadlock) or could not be serialised: nothing was written, try again
  if (err?.code === '40P01' || err?.code === '40001') return new AppError(503, 'service_unavailable', undefined, [], { 'retry-after': '1' });
  // a rule the database enforces (a CHECK or a trigger raising check_violation): the request conflicts with a record rule
  if (err?.code === '23514') return new AppError(409, 'conflict', 'The change would break a record rule the database enforces.');
  if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    const code: ErrorCode =
      err.statusCode === 413 ? 'payload_too_large'
      : err.statusCode === 415 ? 'unsupported_media_type'
      : err.statusCode === 404 ? 'not_found'
      : err.statusCode === 405 ? 'method_not_allowed'
      : 'bad_request';
    return new AppError(err.statusCode, code, err.message);
  }
  return null;
}

export function registerErrorHandling(app: FastifyInstance, fallback?: ((req: FastifyRequest, reply: FastifyReply) => FastifyReply | null) | null): void {
  app.setErrorHandler((error, req, reply) => {
    const appError = toAppError(error);
    if (appError) {
      if (appError.status >= 500) req.log.warn({ code: appError.code, err: error }, 'request failed');
      return send(req, reply, appError);
    }
    req.log.error({ err: error }, 'unhandled error');
    return send(req, reply, new AppError(500, 'internal'));
  });
  app.setNotFoundHandler((req, reply) => fallback?.(req, reply) ?? send(req, reply, new AppError(404, 'not_found')));
}
