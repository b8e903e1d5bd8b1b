import { useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { demoPageUrl, embedSnippet } from './widget-form';

/** The tag a site pastes to show the widget, with a copy button and the hub's demo page to try it on. */
export function EmbedSnippet({ hubUrl, widgetId }: { hubUrl: string; widgetId: string }) {
  const t = useT();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const snippet = embedSnippet(hubUrl, widgetId);
  return (
    <div className="admin-embed" data-testid="widget-embed">
      <p className="admin-help">{t('admin.widget.embedHelp')}</p>
      <code className="admin-snippet mono" data-testid="widget-snippet">
        {snippet}
      </code>
      <div className="admin-inline">
        <button
          type="button"
          className="button small"
          onClick={() =>
            navigator.clipboard.writeText(snippet).then(
              () => setCopied('yes'),
              () => setCopied('failed'),
            )
          }
          data-testid="widget-copy"
        >
          {t('admin.widget.copy')}
        </button>
        {copied === 'yes' && <span className="admin-ok">{t('admin.widget.copied')}</span>}
        {copied === 'failed' && <span className="admin-error">{t('admin.widget.copyFailed')}</span>}
        <a href={demoPageUrl(hubUrl)} target="_blank" rel="noreferrer" data-testid="widget-demo-link">
          {t('admin.widget.demo')}
        </a>
      </div>
    </div>
  );
}
