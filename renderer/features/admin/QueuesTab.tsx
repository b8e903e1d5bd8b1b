import type { Queue } from '../../../shared/domain/routing';
import { useT } from '../../i18n/locale-store';
import type { AdminClient } from '../../sync/admin-client';
import { HubDataStatus } from './HubDataStatus';
import { QueueForm } from './QueueForm';
import { draftFromQueue, newQueueDraft } from './queue-form';
import { RecordList } from './RecordList';
import { upsertBy, useHubData } from './use-hub-data';
import { pickedRecord, useListSelection } from './use-list-selection';

const loadQueues = (client: AdminClient) => client.queues();
const queueId = (queue: Queue) => queue.id;

/** The queues, and the one picked (or a new one) in the form beside them. */
export function QueuesTab() {
  const t = useT();
  const { state, reload, update } = useHubData(loadQueues);
  const selection = useListSelection();
  if (state.status !== 'ready') return <HubDataStatus states={[state]} onRetry={reload} />;

  const queues = state.data;
  const current = selection.mode === 'existing' ? pickedRecord(queues, selection.id, queueId) : null;
  const saved = (queue: Queue) => {
    update((list) => upsertBy(list, queue, queueId));
    selection.saved(queue.id);
  };

  return (
    <div className="admin-split">
      <RecordList
        label="admin.tab.queues"
        items={queues.map((queue) => ({ id: queue.id, title: queue.name, detail: queue.channels.map((channel) => t(`channel.${channel}`)).join(' · ') }))}
        selectedId={current?.id ?? null}
        onSelect={selection.select}
        addLabel="admin.queue.add"
        onAdd={selection.add}
        empty="admin.queue.none"
      />
      {selection.mode === 'new' && selection.id ? (
        <QueueForm key={selection.formKey} initial={newQueueDraft(selection.id)} isNew queues={queues} onSaved={saved} />
      ) : (
        current && <QueueForm key={selection.formKey} initial={draftFromQueue(current)} isNew={false} queues={queues} onSaved={saved} />
      )}
    </div>
  );
}
