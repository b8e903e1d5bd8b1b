import type { ChatWidget } from '../../../shared/domain/chat';
import type { AdminClient } from '../../sync/admin-client';
import { HubDataStatus } from './HubDataStatus';
import { RecordList } from './RecordList';
import { upsertBy, useHubData } from './use-hub-data';
import { pickedRecord, useListSelection } from './use-list-selection';
import { WidgetForm } from './WidgetForm';
import { draftFromWidget, newWidgetDraft } from './widget-form';

const loadWidgets = (client: AdminClient) => client.widgets();
const loadQueues = (client: AdminClient) => client.queues();
const widgetId = (widget: ChatWidget) => widget.id;

/** The website chat widgets, and the form (with its embed snippet) for one of them. */
export function WidgetsTab() {
  const widgets = useHubData(loadWidgets);
  const queues = useHubData(loadQueues);
  const selection = useListSelection();
  if (widgets.state.status !== 'ready' || queues.state.status !== 'ready') {
    return (
      <HubDataStatus
        states={[widgets.state, queues.state]}
        onRetry={() => {
          widgets.reload();
          queues.reload();
        }}
      />
    );
  }
  const list = widgets.state.data;
  const queueNames = new Map(queues.state.data.map((queue) => [queue.id, queue.name]));
  const current = selection.mode === 'existing' ? pickedRecord(list, selection.id, widgetId) : null;
  const context = { takenIds: list.map(widgetId), queues: queues.state.data };
  const saved = (widget: ChatWidget) => {
    widgets.update((all) => upsertBy(all, widget, widgetId));
    selection.saved(widget.id);
  };

  return (
    <div className="admin-split">
      <RecordList
        label="admin.tab.widgets"
        items={list.map((widget) => ({ id: widget.id, title: widget.name, detail: `${widget.id} → ${queueNames.get(widget.queueId) ?? '—'}` }))}
        selectedId={current?.id ?? null}
        onSelect={selection.select}
        addLabel="admin.widget.add"
        onAdd={selection.add}
        empty="admin.widget.none"
      />
      {selection.mode === 'new' ? (
        <WidgetForm key={selection.formKey} initial={newWidgetDraft()} isNew {...context} onSaved={saved} />
      ) : (
        current && <WidgetForm key={selection.formKey} initial={draftFromWidget(current)} isNew={false} {...context} onSaved={saved} />
      )}
    </div>
  );
}
