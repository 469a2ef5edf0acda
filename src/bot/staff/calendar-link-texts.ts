/** Texts of "Mein Kalender" (calendar-link.ts): the staff member's calendar feed link and its renewal. */
import { defineCatalog } from '../../i18n/catalog';

export const calendarLinkTexts = defineCatalog({
  de: {
    title: 'Mein Kalender',
    intro:
      'Mit diesem Link sehen Sie Ihre Sprechstunden-Termine in Outlook (die letzten 14 und die nächsten 90 Tage, ohne Bürgerdaten):',
    outlook:
      'So geht es in Outlook: Kalender hinzufügen → Aus dem Internet (im neuen Outlook: Kalender hinzufügen → Aus dem Internet abonnieren), den Link einfügen, fertig. Outlook holt Änderungen von selbst ab, meist innerhalb weniger Stunden.',
    keepPrivate:
      'Geben Sie den Link nicht weiter. Wenn ihn jemand anderes hat: „Neuen Link erstellen“ – der bisherige funktioniert dann sofort nicht mehr.',
    renew: 'Neuen Link erstellen',
    renewed:
      'Neuer Link erstellt. Der bisherige funktioniert nicht mehr: Entfernen Sie das alte Abonnement in Outlook und fügen Sie diesen Link neu hinzu.',
    personalOnly:
      'Ihren Kalender-Link zeige ich nur im persönlichen Chat. Bitte schreiben Sie mir dort „Mein Kalender“.',
    notSetUp: 'Der Kalender-Link ist in dieser Installation nicht eingerichtet. Bitte wenden Sie sich an die IT.',
  },
  en: {
    title: 'My calendar',
    intro:
      'With this link you see your consultation appointments in Outlook (the last 14 and the next 90 days, without citizen data):',
    outlook:
      'In Outlook: Add calendar → From internet (in the new Outlook: Add calendar → Subscribe from web), paste the link, done. Outlook picks up changes by itself, usually within a few hours.',
    keepPrivate:
      'Do not pass the link on. If someone else has it: "Create new link" – the old one stops working at once.',
    renew: 'Create new link',
    renewed:
      'New link created. The old one no longer works: remove the old subscription in Outlook and add this link instead.',
    personalOnly: 'I show your calendar link only in the personal chat. Please write "My calendar" to me there.',
    notSetUp: 'The calendar link is not set up in this installation. Please contact IT.',
  },
});
