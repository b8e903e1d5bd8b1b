/**
 * Outbound campaigns (issue 7). `data` is the whole Campaign
 * (shared/campaigns/campaign.ts); the columns beside it are what lists sort on.
 */
export type CampaignsTable = {
  id: string;
  queue_id: string;
  status: string;
  created_at: number;
  data: string;
};

/** One customer on one campaign's list: (campaign_id, customer_id) is the key; claims flip `status` from pending to in-progress. */
export type CampaignEntriesTable = {
  campaign_id: string;
  customer_id: string;
  phone: string | null;
  status: string;
  attempts: number;
  last_outcome: string | null;
  next_try_at: number | null;
  agent_id: string | null;
  updated_at: number;
};

/** Customers who asked not to be called again: left off every later list. */
export type DoNotContactTable = {
  customer_id: string;
  at: number;
  by_user: string;
  campaign_id: string | null;
};

export type CampaignTables = {
  campaigns: CampaignsTable;
  campaign_entries: CampaignEntriesTable;
  do_not_contact: DoNotContactTable;
};
