/**
 * How channels read on a card; dates and times come from `i18n/dates` (one place for every area).
 */
import type { Channel, Language } from '../../domain/types';
import { defineCatalog } from '../../i18n/catalog';

export {
  formatDateTime,
  formatDayHeading,
  formatLocalDate,
  formatRange,
  formatShortDayTime,
  formatSpan,
  formatTime,
} from '../../i18n/dates';

export const CHANNEL_ICON: Record<Channel, string> = { video: '🎥', phone: '📞', 'in-person': '🏛️' };

const channelTexts = defineCatalog({
  de: { video: 'Video', phone: 'Telefon', 'in-person': 'Vor Ort' },
  en: { video: 'Video', phone: 'Phone', 'in-person': 'In person' },
});

export const channelName = (c: Channel, lang: Language): string => channelTexts[lang][c];
export const channelWithIcon = (c: Channel, lang: Language): string => `${CHANNEL_ICON[c]} ${channelName(c, lang)}`;
