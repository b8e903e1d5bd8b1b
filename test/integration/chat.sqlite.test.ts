import { defineChatSuite } from './chat-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineChatSuite('sqlite', sqliteTestStore);
