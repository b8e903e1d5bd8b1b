import { postgresTestStore } from './helpers/test-stores';
import { defineVoiceSuite } from './voice-suite';

defineVoiceSuite('postgres', postgresTestStore);
