import type { AdminClient } from '../../sync/admin-client';
import { HubDataStatus } from './HubDataStatus';
import { RoutingSettingsForm } from './RoutingSettingsForm';
import { draftFromSettings } from './settings-form';
import { useHubData } from './use-hub-data';

const loadSettings = (client: AdminClient) => client.settings();

export function RoutingSettingsTab() {
  const { state, reload, update } = useHubData(loadSettings);
  if (state.status !== 'ready') return <HubDataStatus states={[state]} onRetry={reload} />;
  return <RoutingSettingsForm initial={draftFromSettings(state.data)} onSaved={(saved) => update(() => saved)} />;
}
