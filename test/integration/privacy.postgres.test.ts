import { definePrivacySuite } from './privacy-suite';
import { postgresTestStore } from './helpers/test-stores';

definePrivacySuite('postgres', postgresTestStore);
