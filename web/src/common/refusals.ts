import type { caseFileRefusals } from '@headstamp/casefiles/casefile.schema';
import type { userRefusals } from '@headstamp/users/users.schema';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { FieldErrors } from './fieldErrors';
import { refusal } from './useSubmit';

type CodeOf<T> = T[keyof T];
/** The refusals the server names by a stable code (`details.code`); the types keep both in step. */
type RefusalCode = CodeOf<typeof caseFileRefusals> | CodeOf<typeof userRefusals>;

const MESSAGES: Record<RefusalCode, MessageKey> = {
  'case_file.nothing_named': 'refusal.nothingNamed',
  'case_file.nothing_new': 'refusal.nothingNew',
  'case_file.members_not_found': 'refusal.membersNotFound',
  'case_file.not_a_photo': 'refusal.notAPhoto',
  'user.self_disable': 'refusal.selfDisable',
  'user.self_demote': 'refusal.selfDemote',
  'user.last_administrator': 'refusal.lastAdministrator',
  'user.partner': 'refusal.partner',
};

interface Details {
  code?: unknown;
  /** What was not found, by kind (members_not_found). */
  missing?: Record<string, unknown[]>;
  /** The documents named as photos (not_a_photo). */
  photos?: { fileName?: unknown }[];
}

const isCode = (code: unknown): code is RefusalCode => typeof code === 'string' && code in MESSAGES;

/**
 * Reads a refusal as a message for the whole form (under ''): in the reader's language when the
 * server names it by a code this app knows, with what it lists; in the server's words otherwise.
 */
export function useRefusal(): (error: unknown) => FieldErrors {
  const { t } = useI18n();
  return (error) => {
    if (!(error instanceof ApiError)) return { '': t('common.unreachable') };
    const details = (error.body?.details ?? {}) as Details;
    if (!isCode(details.code)) return refusal(error);
    const named = [
      ...Object.values(details.missing ?? {}).flat(),
      ...(details.photos ?? []).map((p) => p.fileName),
    ];
    return { '': t(MESSAGES[details.code], { list: named.map(String).join(', ') }) };
  };
}
