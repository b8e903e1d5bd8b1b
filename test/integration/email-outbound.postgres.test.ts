import { defineEmailOutboundSuite } from './email-outbound-suite';
import { postgresTestStore } from './helpers/test-stores';

defineEmailOutboundSuite('postgres', postgresTestStore);
