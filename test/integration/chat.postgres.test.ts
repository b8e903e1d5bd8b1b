import { defineChatSuite } from './chat-suite';
import { postgresTestStore } from './helpers/test-stores';

defineChatSuite('postgres', postgresTestStore);
