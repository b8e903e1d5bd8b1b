import type { AgentProfile } from '../../../shared/domain/routing';
import { useT } from '../../i18n/locale-store';
import type { AdminClient } from '../../sync/admin-client';
import { AgentForm } from './AgentForm';
import { draftFromProfile, newAgentDraft, usersWithoutProfile } from './agent-form';
import { HubDataStatus } from './HubDataStatus';
import { RecordList } from './RecordList';
import { upsertBy, useHubData } from './use-hub-data';
import { pickedRecord, useListSelection } from './use-list-selection';

const loadProfiles = (client: AdminClient) => client.agents();
const loadUsers = (client: AdminClient) => client.users();
const loadQueues = (client: AdminClient) => client.queues();
const profileId = (profile: AgentProfile) => profile.userId;

/** Agents with a routing profile, and the form for one of them (or for someone who has none yet). */
export function AgentsTab() {
  const t = useT();
  const profiles = useHubData(loadProfiles);
  const users = useHubData(loadUsers);
  const queues = useHubData(loadQueues);
  const selection = useListSelection();
  if (profiles.state.status !== 'ready' || users.state.status !== 'ready' || queues.state.status !== 'ready') {
    return (
      <HubDataStatus
        states={[profiles.state, users.state, queues.state]}
        onRetry={() => {
          profiles.reload();
          users.reload();
          queues.reload();
        }}
      />
    );
  }

  const people = new Map(users.state.data.map((user) => [user.id, user]));
  const list = profiles.state.data;
  const current = selection.mode === 'existing' ? pickedRecord(list, selection.id, profileId) : null;
  const saved = (profile: AgentProfile) => {
    profiles.update((all) => upsertBy(all, profile, profileId));
    selection.saved(profile.userId);
  };

  return (
    <div className="admin-split">
      <RecordList
        label="admin.tab.agents"
        items={list.map((profile) => {
          const user = people.get(profile.userId);
          return { id: profile.userId, title: user?.displayName ?? profile.userId, detail: user ? `${user.username} · ${t(`role.${user.role}`)}` : undefined };
        })}
        selectedId={current?.userId ?? null}
        onSelect={selection.select}
        addLabel="admin.agent.add"
        onAdd={selection.add}
        empty="admin.agent.none"
      />
      {selection.mode === 'new' ? (
        <AgentForm
          key={selection.formKey}
          initial={newAgentDraft('')}
          candidates={usersWithoutProfile(users.state.data, list)}
          user={null}
          queues={queues.state.data}
          onSaved={saved}
        />
      ) : (
        current && (
          <AgentForm
            key={selection.formKey}
            initial={draftFromProfile(current)}
            candidates={null}
            user={people.get(current.userId) ?? null}
            queues={queues.state.data}
            onSaved={saved}
          />
        )
      )}
    </div>
  );
}
