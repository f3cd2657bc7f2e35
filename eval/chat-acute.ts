/**
 * `npx tsx eval/chat-acute.ts`: the chat's danger reading (issue 16) on whole conversations, the
 * resident's side message by message, as the server reads them: `chatAcute` (domain/chat.ts: the
 * rules on each message, the model on the words so far when they are at least four words) beside
 * the detector run on each message alone (what a form's text gets).
 *
 * eval/sets/chat-dev.ts was written as a sealed set by a helper who never saw the detector, before
 * `chatAcute` was written, and measured once (chatAcute reading the model over the words so far:
 * caught 42/42, false alarms 24/53 chats); its misses were then used to choose the rule, so it is a
 * DEVELOPMENT set now. eval/sets/chat-sealed-2.ts was written afterwards by another helper who saw
 * neither the detector nor the first set, before the rule was measured on it; it only reports
 * (eval/README.md: a sealed text used to fix something moves to the development side and is replaced).
 *
 * A conversation is caught when the chat is flagged at or before its first acute message (the
 * resident sees 112 then); late when flagged only after it; a false alarm when a conversation with
 * no acute message is flagged, or an acute one before its first acute message.
 */
import { CHAT_DEV, type ChatConversation } from './sets/chat-dev.js';
import { CHAT_SEALED_2 } from './sets/chat-sealed-2.js';
import { chatAcute } from '../src/domain/chat.js';
import { detectAcute } from '../src/domain/triage/acute.js';

type Reader = (latest: string, earlier: string[]) => boolean;
const readers: Record<string, Reader> = {
  'chatAcute (the chat)': (latest, earlier) => chatAcute(latest, earlier).acute,
  'detectAcute per message': (latest) => detectAcute(latest).acute,
};

function measure(set: ChatConversation[], read: Reader) {
  let acuteConvs = 0, caught = 0, late = 0, missed = 0, quietConvs = 0, falseAlarms = 0, early = 0;
  let quietLines = 0, quietLinesFlagged = 0;
  const misses: string[] = [];
  const alarms: string[] = [];
  for (const c of set) {
    const first = c.messages.findIndex((m) => m.acute !== '');
    let flaggedAt = -1;
    const earlier: string[] = [];
    c.messages.forEach((m, i) => {
      const hit = read(m.text, [...earlier]);
      if (m.acute === '' && (first < 0 || i < first)) { quietLines++; if (hit) quietLinesFlagged++; }
      if (hit && flaggedAt < 0) flaggedAt = i;
      earlier.push(m.text);
    });
    if (first >= 0) {
      acuteConvs++;
      if (flaggedAt >= 0 && flaggedAt < first) early++;
      if (flaggedAt >= 0 && flaggedAt <= first) caught++;
      else if (flaggedAt > first) late++;
      else { missed++; misses.push(`${c.lang}: ${c.messages.map((m) => m.text).join(' / ')}`); }
    } else {
      quietConvs++;
      if (flaggedAt >= 0) { falseAlarms++; alarms.push(`${c.lang}: ${c.messages[flaggedAt]!.text}`); }
    }
  }
  return { acuteConvs, caught, late, missed, early, quietConvs, falseAlarms, quietLines, quietLinesFlagged, misses, alarms };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '–');
for (const [setName, set] of [['development (chat-dev)', CHAT_DEV], ['SEALED (chat-sealed-2)', CHAT_SEALED_2]] as const) for (const [name, read] of Object.entries(readers)) {
  // a sealed set's misses are never listed: looking at them would make it a development set
  const list = process.argv.includes('--list') && !setName.startsWith('SEALED');
  const r = measure(set as ChatConversation[], read);
  console.log(`\n${setName}: ${name}`);
  console.log(`  acute conversations ${r.acuteConvs}: caught at once ${r.caught} (${pct(r.caught, r.acuteConvs)}), late ${r.late}, missed ${r.missed}; flagged before the danger was said ${r.early}`);
  console.log(`  conversations without danger ${r.quietConvs}: false alarms ${r.falseAlarms} (${pct(r.falseAlarms, r.quietConvs)})`);
  console.log(`  lines before any danger ${r.quietLines}: flagged ${r.quietLinesFlagged} (${pct(r.quietLinesFlagged, r.quietLines)})`);
  if (list) {
    for (const m of r.misses) console.log(`  missed: ${m}`);
    for (const a of r.alarms) console.log(`  false alarm at: ${a}`);
  }
}
