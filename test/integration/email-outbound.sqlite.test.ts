import { defineEmailOutboundSuite } from './email-outbound-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineEmailOutboundSuite('sqlite', sqliteTestStore);
