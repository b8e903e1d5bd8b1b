import type { CannedResponse } from '../../../shared/domain/chat';
import type { AdminClient } from '../../sync/admin-client';
import { CannedForm } from './CannedForm';
import { draftFromCanned, newCannedDraft, sharedReplies } from './canned-form';
import { HubDataStatus } from './HubDataStatus';
import { RecordList } from './RecordList';
import { upsertBy, useHubData } from './use-hub-data';
import { pickedRecord, useListSelection } from './use-list-selection';

const loadReplies = (client: AdminClient) => client.cannedReplies();
const replyId = (reply: CannedResponse) => reply.id;

/** The centre-wide canned responses (快捷回复) agents insert with `/shortcut`. */
export function SharedRepliesTab() {
  const { state, reload, update } = useHubData(loadReplies);
  const selection = useListSelection();
  if (state.status !== 'ready') return <HubDataStatus states={[state]} onRetry={reload} />;

  const replies = sharedReplies(state.data);
  const current = selection.mode === 'existing' ? pickedRecord(replies, selection.id, replyId) : null;
  const saved = (reply: CannedResponse) => {
    update((all) => upsertBy(all, reply, replyId));
    selection.saved(reply.id);
  };
  const deleted = (id: string) => {
    update((all) => all.filter((reply) => reply.id !== id));
    selection.select(null);
  };
  const common = { others: replies, onSaved: saved, onDeleted: deleted };

  return (
    <div className="admin-split">
      <RecordList
        label="admin.tab.replies"
        items={replies.map((reply) => ({ id: reply.id, title: `/${reply.shortcut}`, detail: reply.title }))}
        selectedId={current?.id ?? null}
        onSelect={selection.select}
        addLabel="admin.canned.add"
        onAdd={selection.add}
        empty="admin.canned.none"
      />
      {selection.mode === 'new' && selection.id ? (
        <CannedForm key={selection.formKey} initial={newCannedDraft(selection.id)} isNew {...common} />
      ) : (
        current && <CannedForm key={selection.formKey} initial={draftFromCanned(current)} isNew={false} {...common} />
      )}
    </div>
  );
}
