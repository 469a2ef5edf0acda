/** The supervisor side's own words (summary command, open problems, outage and proposals), German and English. */
import { defineCatalog, plural } from '../../i18n/catalog';

export const supervisorTexts = defineCatalog({
  de: {
    summaryForSupervisors:
      'Die Tagesübersicht steht Teamleitungen zur Verfügung. Ihre eigenen Termine sehen Sie mit „Meine Termine“.',
    onlySupervisors: 'Das können nur Teamleitungen erledigen.',
    alertResolved: 'Erledigt – die Meldung ist kein offenes Problem mehr.',
    alertAlreadyResolved: 'Diese Meldung wurde bereits erledigt.',
    outageForSupervisors:
      'Einen Ausfall für andere tragen Teamleitungen ein. Ihre eigene Abwesenheit melden Sie mit „Abwesend“.',
    proposalExpired: 'Dieser Vorschlag ist abgelaufen. Bitte tragen Sie den Ausfall neu ein („Ausfall“).',
    proposalBeingConfirmed: 'Dieser Vorschlag wird gerade bestätigt. Bitte einen Moment warten.',
    proposalStale: 'Der Vorschlag wurde inzwischen weiter bearbeitet. Hier ist der aktuelle Stand.',
    notInProposal: 'Dieser Termin steht nicht mehr im Vorschlag.',
    recomputedAfterFailure:
      'Nicht alles konnte übernommen werden; der Vorschlag wurde neu berechnet. Bitte prüfen und erneut bestätigen.',
    recomputedAfterChanges: (changed: number) =>
      `${plural('de', changed, 'Termin hatte', 'Termine hatten')} sich inzwischen geändert; der Vorschlag wurde neu berechnet. Bitte prüfen und erneut bestätigen.`,
    absenceReported: (who: string) =>
      `${who} hat eine Abwesenheit gemeldet. Bitte entscheiden Sie über die betroffenen Termine.`,
  },
  en: {
    summaryForSupervisors:
      'The daily summary is for supervisors. To see your own appointments, type “my appointments”.',
    onlySupervisors: 'Only supervisors can do this.',
    alertResolved: 'Done – the alert is no longer an open problem.',
    alertAlreadyResolved: 'This alert was already marked done.',
    outageForSupervisors: 'Outages for others are recorded by supervisors. To report your own absence, type “absent”.',
    proposalExpired: 'This proposal has expired. Please record the outage again (“outage”).',
    proposalBeingConfirmed: 'This proposal is being confirmed right now. Please wait a moment.',
    proposalStale: 'The proposal was worked on in the meantime. This is where it stands now.',
    notInProposal: 'This appointment is no longer part of the proposal.',
    recomputedAfterFailure:
      'Not everything could be applied; the proposal was recomputed. Please check and confirm again.',
    recomputedAfterChanges: (changed: number) =>
      `${plural('en', changed, 'appointment had', 'appointments had')} changed in the meantime; the proposal was recomputed. Please check and confirm again.`,
    absenceReported: (who: string) => `${who} reported an absence. Please decide about the affected appointments.`,
  },
});
