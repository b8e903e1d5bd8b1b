import { definePrivacySuite } from './privacy-suite';
import { sqliteTestStore } from './helpers/test-stores';

definePrivacySuite('sqlite', sqliteTestStore);
