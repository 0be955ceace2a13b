// GET /api/v1/info and /api/v1/webui with the fields Mailpit's test helpers read, and the health
// probes /livez and /readyz.
import type { Hono } from 'hono';
import type { MessageStore } from '../../store/index.ts';
import { tagCounts } from './present.ts';
import type { RuntimeCounters } from './runtime.ts';

export interface WebUiFeatures {
  /** host:port of --relay, or null. */
  relayServer: string | null;
  chaos: boolean;
}

export function infoRoutes(app: Hono, store: MessageStore, counters: RuntimeCounters, version: string, features: WebUiFeatures): void {
  app.get('/api/v1/info', (c) => {
    const all = store.counts();
    return c.json({
      Version: version,
      LatestVersion: '',
      Database: '(memory)',
      DatabaseSize: store.stats().bytes,
      Messages: all.total,
      Unread: all.unread,
      Tags: tagCounts(store),
      RuntimeStats: {
        Uptime: Math.floor(process.uptime()),
        Memory: process.memoryUsage().rss,
        MessagesDeleted: counters.deleted,
        SMTPAccepted: counters.accepted,
        SMTPAcceptedSize: counters.acceptedBytes,
        SMTPRejected: 0,
        SMTPIgnored: 0,
      },
    });
  });

  app.get('/api/v1/webui', (c) =>
    c.json({
      Label: '',
      MessageRelay: {
        Enabled: features.relayServer !== null,
        SMTPServer: features.relayServer ?? '',
        ReturnPath: '',
        AllowedRecipients: '',
        BlockedRecipients: '',
        OverrideFrom: '',
        PreserveMessageIDs: false,
      },
      SpamAssassin: false,
      ChaosEnabled: features.chaos,
      DuplicatesIgnored: false,
      HideDeleteAllButton: false,
    }),
  );

  app.get('/livez', (c) => c.text('ok'));
  app.get('/readyz', (c) => c.text('ok'));
}
