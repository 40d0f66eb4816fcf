/**
 * Value types shared by orders and history: money, translations and before/after pairs.
 */
import type { MoneyJson, TranslationsJson } from '../../db/schema.js';
import { builder } from '../builder.js';

export const MoneyRef = builder.objectRef<MoneyJson>('Money').implement({
  shareable: true,
  description: 'An amount as upstream states it.',
  fields: (t) => ({
    cents: t.float({
      description:
        "Upstream `cents`: its integer amount, not always in minor units (for TWD the example's `cents: 500` is NT$500, as `dollars` and `label` say).",
      resolve: (m) => m.cents,
    }),
    dollars: t.float({ nullable: true, description: 'Upstream `dollars`: the amount in whole currency units.', resolve: (m) => m.dollars ?? null }),
    currencyIso: t.string({ description: 'The ISO 4217 currency code (`TWD`).', resolve: (m) => m.currency_iso }),
    currencySymbol: t.string({ nullable: true, description: 'The currency symbol (`NT$`).', resolve: (m) => m.currency_symbol ?? null }),
    label: t.string({ nullable: true, description: 'The amount formatted for display (`NT$500`).', resolve: (m) => m.label ?? null }),
  }),
});

export const MoneyChangeRef = builder
  .objectRef<{ from: MoneyJson | null; to: MoneyJson | null }>('MoneyChange')
  .implement({
    description: 'An amount before and after a change.',
    fields: (t) => ({
      from: t.field({ type: MoneyRef, nullable: true, description: 'Before; null when not sent.', resolve: (c) => c.from }),
      to: t.field({ type: MoneyRef, nullable: true, description: 'After; null when not sent.', resolve: (c) => c.to }),
    }),
  });

export const StringChangeRef = builder
  .objectRef<{ from: string | null; to: string | null }>('StringChange')
  .implement({
    description: 'A text before and after a change.',
    fields: (t) => ({
      from: t.exposeString('from', { nullable: true, description: 'Before; null when not sent.' }),
      to: t.exposeString('to', { nullable: true, description: 'After; null when not sent.' }),
    }),
  });

export const TranslationRef = builder.objectRef<{ locale: string; value: string }>('Translation').implement({
  description: 'A text in one locale.',
  fields: (t) => ({
    locale: t.exposeString('locale', { description: 'The locale as upstream names it (`en`, `zh-hant`).' }),
    value: t.exposeString('value', { description: 'The text in that locale.' }),
  }),
});

/** `text(locale)`: that locale, else `en`, else the first entry; an empty string counts as missing. */
export function translate(map: TranslationsJson, locale: string): string | null {
  const present = (value: string | null | undefined): value is string => typeof value === 'string' && value !== '';
  if (present(map[locale])) return map[locale];
  if (present(map.en)) return map.en;
  return Object.values(map).find(present) ?? null;
}

export const TranslationsRef = builder.objectRef<TranslationsJson>('Translations').implement({
  description: 'A text in several locales, as upstream sends it (`{"en": ..., "zh-hant": ...}`).',
  fields: (t) => ({
    entries: t.field({
      type: [TranslationRef],
      description: 'Every locale sent, in upstream\'s order.',
      resolve: (map) =>
        Object.entries(map)
          .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
          .map(([locale, value]) => ({ locale, value })),
    }),
    text: t.string({
      nullable: true,
      description: 'The text in `locale`, falling back to `en`, then to the first entry; "" counts as missing.',
      args: { locale: t.arg.string({ required: false, defaultValue: 'en', description: 'The locale wanted (`en`, `zh-hant`).' }) },
      resolve: (map, args) => translate(map, args.locale ?? 'en'),
    }),
  }),
});
