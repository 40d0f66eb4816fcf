/**
 * Value types shared by orders and history: money, translations and before/after pairs.
 */
import type { MoneyJson, TranslationsJson } from '../../db/schema.js';
import { builder } from '../builder.js';

export const MoneyRef = builder.objectRef<MoneyJson>('Money').implement({
  shareable: true,
  description: 'An amount as upstream states it: `cents` in the currency\'s minor unit.',
  fields: (t) => ({
    cents: t.float({ resolve: (m) => m.cents }),
    dollars: t.float({ nullable: true, resolve: (m) => m.dollars ?? null }),
    currencyIso: t.string({ resolve: (m) => m.currency_iso }),
    currencySymbol: t.string({ nullable: true, resolve: (m) => m.currency_symbol ?? null }),
    label: t.string({ nullable: true, resolve: (m) => m.label ?? null }),
  }),
});

export const MoneyChangeRef = builder
  .objectRef<{ from: MoneyJson | null; to: MoneyJson | null }>('MoneyChange')
  .implement({
    fields: (t) => ({
      from: t.field({ type: MoneyRef, nullable: true, resolve: (c) => c.from }),
      to: t.field({ type: MoneyRef, nullable: true, resolve: (c) => c.to }),
    }),
  });

export const StringChangeRef = builder
  .objectRef<{ from: string | null; to: string | null }>('StringChange')
  .implement({
    fields: (t) => ({
      from: t.exposeString('from', { nullable: true }),
      to: t.exposeString('to', { nullable: true }),
    }),
  });

export const TranslationRef = builder.objectRef<{ locale: string; value: string }>('Translation').implement({
  fields: (t) => ({
    locale: t.exposeString('locale'),
    value: t.exposeString('value'),
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
      resolve: (map) =>
        Object.entries(map)
          .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
          .map(([locale, value]) => ({ locale, value })),
    }),
    text: t.string({
      nullable: true,
      description: 'The text in `locale`, falling back to `en`, then to the first entry; "" counts as missing.',
      args: { locale: t.arg.string({ required: false, defaultValue: 'en' }) },
      resolve: (map, args) => translate(map, args.locale ?? 'en'),
    }),
  }),
});
