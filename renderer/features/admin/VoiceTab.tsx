import type { AdminClient } from '../../sync/admin-client';
import { MonitorSettingsSection } from '../monitor/MonitorSettingsSection';
import { HubDataStatus } from './HubDataStatus';
import { useHubData } from './use-hub-data';
import { VoiceForm } from './VoiceForm';
import { draftFromVoice } from './voice-form';

const loadVoice = (client: AdminClient) => client.voiceSettings();
const loadQueues = (client: AdminClient) => client.queues();

/** The phone numbers callers dial and the queues that answer them, with the SIP domain and call timings. */
export function VoiceTab() {
  const voice = useHubData(loadVoice);
  const queues = useHubData(loadQueues);
  if (voice.state.status !== 'ready' || queues.state.status !== 'ready') {
    return (
      <HubDataStatus
        states={[voice.state, queues.state]}
        onRetry={() => {
          voice.reload();
          queues.reload();
        }}
      />
    );
  }
  return (
    <>
      <VoiceForm initial={draftFromVoice(voice.state.data)} queues={queues.state.data} onSaved={(saved) => voice.update(() => saved)} />
      <MonitorSettingsSection />
    </>
  );
}
