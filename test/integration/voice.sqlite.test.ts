import { sqliteTestStore } from './helpers/test-stores';
import { defineVoiceSuite } from './voice-suite';

defineVoiceSuite('sqlite', sqliteTestStore);
