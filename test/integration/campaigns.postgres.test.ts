import { defineCampaignSuite } from './campaigns-suite';
import { postgresTestStore } from './helpers/test-stores';

defineCampaignSuite('postgres', postgresTestStore);
