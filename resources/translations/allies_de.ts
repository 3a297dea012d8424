<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/help.py" line="+210"/>
        <source>About Allies</source>
        <translation>Über Allies</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Allies %1</source>
        <translation>Allies %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A private relationship manager for professional networking: alliances at every level, give first, keep in touch. Your data stays on this computer.</source>
        <translation>Ein privater Beziehungsmanager für berufliches Netzwerken: Verbündete auf jeder Ebene, erst geben, in Kontakt bleiben. Ihre Daten bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open data folder</source>
        <translation>Datenordner öffnen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../ui/accounts_page.py" line="+105"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>Geburtstag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circle</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep in touch</source>
        <translation>Kontaktrhythmus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snoozed until</source>
        <translation>Pausiert bis</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>https://cloud.example.org</source>
        <translation>https://cloud.example.org</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Private fields travel (level, circle, roles, trust, notes)</source>
        <translation>Private Felder übertragen (Ebene, Kreis, Rollen, Vertrauen, Notizen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>History travels (interactions, follow-ups)</source>
        <translation>Verlauf übertragen (Begegnungen, Wiedervorlagen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add account</source>
        <translation>Konto hinzufügen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a CardDAV account</source>
        <translation>CardDAV-Konto hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Address book</source>
        <translation>Adressbuch</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove account…</source>
        <translation>Konto entfernen …</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>There is no system keyring: the password is kept in a file beside the database that only you can read.</source>
        <translation>Es gibt keinen Schlüsselbund des Systems: Das Passwort liegt in einer Datei neben der Datenbank, die nur Sie lesen können.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Restore the other value</source>
        <translation>Anderen Wert wiederherstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep as it is</source>
        <translation>So belassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No conflicts.</source>
        <translation>Keine Konflikte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1: %2 at %3
Address book: %4</source>
        <translation>%1: %2 auf %3
Adressbuch: %4</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Not synced yet.</source>
        <translation>Noch nicht synchronisiert.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Last sync %1 failed: %2.</source>
        <translation>Letzte Synchronisierung %1 fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last sync %1: %2 received, %3 sent, %4 archived here, %5 deleted there, %6 conflicts.</source>
        <translation>Letzte Synchronisierung %1: %2 empfangen, %3 gesendet, %4 hier archiviert, %5 dort gelöscht, %6 Konflikte.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Fill in the server, the user name and the password.</source>
        <translation>Bitte Server, Benutzernamen und Passwort eingeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Create an address book “Allies”</source>
        <translation>Adressbuch „Allies“ anlegen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connected: %1 address books found.</source>
        <translation>Verbunden: %1 Adressbücher gefunden.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The server&apos;s certificate is not trusted. If this is your own server, compare its fingerprint and trust it:
SHA-256 %1</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut. Wenn es Ihr eigener Server ist, vergleichen Sie den Fingerabdruck und vertrauen Sie ihm:
SHA-256 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>Cannot connect: %1.</source>
        <translation>Keine Verbindung: %1.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Remove account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the account %1? The contacts stay here; nothing is deleted on the server.</source>
        <translation>Das Konto %1 entfernen? Die Kontakte bleiben hier; auf dem Server wird nichts gelöscht.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Most cards were deleted on the server. Go on and archive those contacts here?</source>
        <translation>Die meisten Karten wurden auf dem Server gelöscht. Fortfahren und diese Kontakte hier archivieren?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Most synced contacts are gone here. Go on and delete their cards on the server?</source>
        <translation>Die meisten synchronisierten Kontakte fehlen hier. Fortfahren und ihre Karten auf dem Server löschen?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync</source>
        <translation>Synchronisieren</translation>
    </message>
</context>
<context>
    <name>ActivityChart</name>
    <message>
        <location filename="../../ui/timeline/chart.py" line="+172"/>
        <source>per week</source>
        <translation>pro Woche</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>gave</source>
        <translation>gegeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>received</source>
        <translation>erhalten</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>All dates</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole time range again</source>
        <translation>Wieder den gesamten Zeitraum anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bars: interactions per week · ▲ given · ▼ received. Drag the shaded edges.</source>
        <translation>Balken: Begegnungen pro Woche · ▲ gegeben · ▼ erhalten. Die schattierten Ränder lassen sich ziehen.</translation>
    </message>
</context>
<context>
    <name>AddressRows</name>
    <message>
        <location filename="../../ui/contacts/profile.py" line="+286"/>
        <location line="+1"/>
        <source>Add address</source>
        <translation>Adresse hinzufügen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>AdvicePanel</name>
    <message>
        <location filename="../../ui/insights/view.py" line="+272"/>
        <source>Nothing needs your attention today. Your relationships are in good shape: keep in touch, and give before you take.</source>
        <translation>Heute braucht nichts Ihre Aufmerksamkeit. Ihre Beziehungen sind in gutem Zustand: Bleiben Sie in Kontakt, und geben Sie, bevor Sie nehmen.</translation>
    </message>
</context>
<context>
    <name>AlliesModel</name>
    <message>
        <location filename="../../ui/insights/goals.py" line="+156"/>
        <source>Ally</source>
        <translation>Verbündete</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Balance</source>
        <translation>Bilanz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Strength</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How they can help</source>
        <translation>Wie sie helfen können</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (archived)</source>
        <translation>%1 (archiviert)</translation>
    </message>
</context>
<context>
    <name>AllyPicker</name>
    <message>
        <location line="+164"/>
        <source>Add an ally: type a name, Enter adds them</source>
        <translation>Verbündete hinzufügen: Namen eingeben, mit der Eingabetaste übernehmen</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../ui/application.py" line="+211"/>
        <source>Allies</source>
        <translation>Allies</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allies cannot open the database %1.</source>
        <translation>Allies kann die Datenbank %1 nicht öffnen.</translation>
    </message>
</context>
<context>
    <name>Balance</name>
    <message>
        <location filename="../../ui/contacts/wording.py" line="+18"/>
        <source>taking more than giving</source>
        <translation>nimmt mehr, als gegeben wird</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>owes you favours</source>
        <translation>schuldet Ihnen Gefallen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>you gave a little more</source>
        <translation>Sie haben etwas mehr gegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>you received a little more</source>
        <translation>Sie haben etwas mehr erhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>given and received evenly</source>
        <translation>Geben und Nehmen gleich</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Taking more than giving: time to give something back.</source>
        <translation>Mehr genommen als gegeben: Zeit, etwas zurückzugeben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have given much more than you received: a good moment to ask.</source>
        <translation>Sie haben deutlich mehr gegeben als erhalten: ein guter Moment, um etwas zu bitten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have given a little more than you received.</source>
        <translation>Sie haben etwas mehr gegeben als erhalten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have received a little more than you gave: give when you can.</source>
        <translation>Sie haben etwas mehr erhalten als gegeben: Geben Sie, wenn sich die Gelegenheit bietet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You have given and received about evenly.</source>
        <translation>Sie haben etwa gleich viel gegeben wie erhalten.</translation>
    </message>
</context>
<context>
    <name>Capture</name>
    <message>
        <location filename="../../ui/suggestions/sources_page.py" line="+72"/>
        <source>Mailbox (IMAP)</source>
        <translation>Postfach (IMAP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail folder (Maildir)</source>
        <translation>Mailordner (Maildir)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail file (mbox)</source>
        <translation>Maildatei (mbox)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar file</source>
        <translation>Kalenderdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendars of a sync account</source>
        <translation>Kalender eines Sync-Kontos</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/texts.py" line="+15"/>
        <source>The server cannot be reached.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server refused the user name or password.</source>
        <translation>Der Server hat Benutzername oder Passwort abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection cannot be encrypted.</source>
        <translation>Die Verbindung lässt sich nicht verschlüsseln.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s certificate is not trusted, or it is not the one you trusted.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut, oder es ist nicht das, dem Sie vertraut haben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No password is stored for this mailbox.</source>
        <translation>Für dieses Postfach ist kein Passwort gespeichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder or file is missing.</source>
        <translation>Der Ordner oder die Datei fehlt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder or file cannot be read.</source>
        <translation>Der Ordner oder die Datei lässt sich nicht lesen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server gave an answer Allies does not understand.</source>
        <translation>Der Server hat eine Antwort gegeben, die Allies nicht versteht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The source cannot be read.</source>
        <translation>Die Quelle lässt sich nicht lesen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: stopped; the next scan goes on from here.</source>
        <translation>%1: angehalten; das nächste Lesen macht hier weiter.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2 new messages or events read, 1 new suggestion</source>
        <translation>%1: %2 neue Nachrichten oder Termine gelesen, 1 neuer Vorschlag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 new messages or events read, %3 new suggestions</source>
        <translation>%1: %2 neue Nachrichten oder Termine gelesen, %3 neue Vorschläge</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No suggestions</source>
        <translation>Keine Vorschläge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 suggestion</source>
        <translation>1 Vorschlag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 suggestions</source>
        <translation>%1 Vorschläge</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../ui/accounts_page.py" line="-391"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other value</source>
        <translation>Anderer Wert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
</context>
<context>
    <name>ContactActions</name>
    <message>
        <location filename="../../ui/contacts/actions.py" line="+142"/>
        <source>&amp;New contact…</source>
        <translation>&amp;Neuer Kontakt …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a contact (%1)</source>
        <translation>Kontakt anlegen (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Log interaction…</source>
        <translation>Begegnung &amp;erfassen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log a lunch, call or meeting with the selected contacts</source>
        <translation>Ein Mittagessen, einen Anruf oder eine Besprechung mit den ausgewählten Kontakten erfassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Bring back from archive</source>
        <translation>Aus dem Archiv zu&amp;rückholen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Merge two contacts…</source>
        <translation>Zwei Kontakte &amp;zusammenführen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add &amp;tag…</source>
        <translation>&amp;Schlagwort hinzufügen …</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Contact created.</source>
        <translation>Kontakt angelegt.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Archived 1 contact</source>
        <translation>1 Kontakt archiviert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archived %1 contacts</source>
        <translation>%1 Kontakte archiviert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Brought back 1 contact</source>
        <translation>1 Kontakt aus dem Archiv zurückgeholt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Brought back %1 contacts</source>
        <translation>%1 Kontakte aus dem Archiv zurückgeholt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add tag</source>
        <translation>Schlagwort hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag for the selected contacts:</source>
        <translation>Schlagwort für die ausgewählten Kontakte:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Tagged 1 contact with %1</source>
        <translation>1 Kontakt mit %1 verschlagwortet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tagged %1 contacts with %2</source>
        <translation>%1 Kontakte mit %2 verschlagwortet</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Merge %1 into %2</source>
        <translation>%1 mit %2 zusammenführen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contacts merged.</source>
        <translation>Kontakte zusammengeführt.</translation>
    </message>
</context>
<context>
    <name>ContactConflicts</name>
    <message>
        <location filename="../../ui/contact_conflicts.py" line="+80"/>
        <source>Sync conflict in %1: kept “%2”, the other side had “%3”.</source>
        <translation>Synchronisierungskonflikt bei %1: „%2“ behalten, die andere Seite hatte „%3“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restore the other value</source>
        <translation>Anderen Wert wiederherstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
</context>
<context>
    <name>ContactDetail</name>
    <message>
        <location filename="../../ui/contacts/detail.py" line="+270"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give &amp;&amp; take</source>
        <translation>Geben &amp;&amp; Nehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationships</source>
        <translation>Beziehungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Select a contact on the left, or press %1 to create one.</source>
        <translation>Wählen Sie links einen Kontakt aus, oder legen Sie mit %1 einen neuen an.</translation>
    </message>
</context>
<context>
    <name>ContactFilterEdit</name>
    <message>
        <location filename="../../ui/timeline/view.py" line="+55"/>
        <source>Anyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>No single contact is called “%1”.</source>
        <translation>Kein eindeutiger Kontakt heißt „%1“.</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../ui/contacts/profile.py" line="+118"/>
        <source>Choose photo…</source>
        <translation>Foto auswählen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove photo</source>
        <translation>Foto entfernen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Full name, as you would write it</source>
        <translation>Vollständiger Name, so wie Sie ihn schreiben würden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Given name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Family name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>YYYY-MM-DD, or --MM-DD without the year</source>
        <translation>JJJJ-MM-TT, oder --MM-TT ohne Jahr</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> of 5</source>
        <translation> von 5</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Every…</source>
        <translation>Alle …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never remind me</source>
        <translation>Nie erinnern</translation>
    </message>
    <message>
        <location line="+137"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add e-mail</source>
        <translation>E-Mail hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>+49 30 1234567</source>
        <translation>+49 30 1234567</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add phone</source>
        <translation>Telefon hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add link</source>
        <translation>Link hinzufügen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What matters to them, what you talked about…</source>
        <translation>Was dieser Person wichtig ist, worüber Sie gesprochen haben …</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Given / family</source>
        <translation>Vor- / Nachname</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>&amp;Organisation</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circle</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Keep in touch</source>
        <translation>Kontakt halten</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+51"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+51"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="-58"/>
        <location line="+59"/>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>Geburtstag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Level default (no reminders)</source>
        <translation>Standard der Ebene (nie erinnern)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level default (every day)</source>
        <translation>Standard der Ebene (jeden Tag)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level default (every %1 days)</source>
        <translation>Standard der Ebene (alle %1 Tage)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> day</source>
        <translation> Tag</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Choose a photo</source>
        <translation>Foto auswählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This file is not a picture Allies can read.</source>
        <translation>Diese Datei ist kein Bild, das Allies lesen kann.</translation>
    </message>
</context>
<context>
    <name>ContactGoalsModel</name>
    <message>
        <location filename="../../ui/insights/goals_section.py" line="+83"/>
        <source>%1 (achieved)</source>
        <translation>%1 (erreicht)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, by %2</source>
        <translation>%1, bis %2</translation>
    </message>
</context>
<context>
    <name>ContactHeader</name>
    <message>
        <location filename="../../ui/contacts/detail.py" line="-82"/>
        <source>Trust: %1 of 5</source>
        <translation>Vertrauen: %1 von 5</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No interaction yet</source>
        <translation>Noch keine Begegnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last contact %1</source>
        <translation>Letzter Kontakt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keep in touch every day</source>
        <translation>Kontakt jeden Tag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keep in touch every %1 days</source>
        <translation>Kontakt alle %1 Tage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Strength %1</source>
        <translation>Stärke %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance %1</source>
        <translation>Bilanz %1</translation>
    </message>
    <message>
        <source>taking more than giving</source>
        <translation type="vanished">mehr genommen als gegeben</translation>
    </message>
    <message>
        <source>owes you favours</source>
        <translation type="vanished">schuldet Ihnen Gefallen</translation>
    </message>
    <message>
        <source>give and take in balance</source>
        <translation type="vanished">Geben und Nehmen ausgeglichen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 at %2</source>
        <translation>%1 bei %2</translation>
    </message>
</context>
<context>
    <name>ContactLabels</name>
    <message>
        <location filename="../../ui/contacts/profile.py" line="-611"/>
        <source>home</source>
        <translation>privat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>work</source>
        <translation>geschäftlich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other</source>
        <translation>sonstige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mobile</source>
        <translation>mobil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>main</source>
        <translation>Hauptnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>home fax</source>
        <translation>Fax privat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>work fax</source>
        <translation>Fax geschäftlich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pager</source>
        <translation>Pager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>school</source>
        <translation>Schule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>web</source>
        <translation>Web</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>home page</source>
        <translation>Homepage</translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
    <message>
        <location filename="../../ui/contacts/model.py" line="+207"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last contact</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance</source>
        <translation>Bilanz</translation>
    </message>
    <message>
        <location line="+337"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Taking more than giving: time to give something back</source>
        <translation type="vanished">Mehr genommen als gegeben: Zeit, etwas zurückzugeben</translation>
    </message>
    <message>
        <source>You are owed favours: a good time to ask</source>
        <translation type="vanished">Man schuldet Ihnen Gefallen: ein guter Zeitpunkt, um zu fragen</translation>
    </message>
    <message>
        <source>Give and take are in balance</source>
        <translation type="vanished">Geben und Nehmen sind ausgeglichen</translation>
    </message>
</context>
<context>
    <name>ContactListView</name>
    <message>
        <location filename="../../ui/contacts/view.py" line="+162"/>
        <location line="+411"/>
        <source>Search names, organisations, e-mails, tags…</source>
        <translation>Namen, Organisationen, E-Mails, Schlagwörter suchen …</translation>
    </message>
    <message>
        <location line="-397"/>
        <source>All tags</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only contacts with this tag</source>
        <translation>Nur Kontakte mit diesem Schlagwort anzeigen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All levels</source>
        <translation>Alle Ebenen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All circles</source>
        <translation>Alle Kreise</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Due now</source>
        <translation>Jetzt fällig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Only relationships due now</source>
        <translation>Nur jetzt fällige Beziehungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Taking &gt; giving</source>
        <translation>Nehmen &gt; Geben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only relationships where you take more than you give</source>
        <translation>Nur Beziehungen, in denen Sie mehr nehmen als geben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the archived contacts instead</source>
        <translation>Stattdessen die archivierten Kontakte anzeigen</translation>
    </message>
    <message>
        <source>No contacts match.</source>
        <translation type="vanished">Keine passenden Kontakte.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <location line="+249"/>
        <source>The contact search looks at names, organisations, e-mails, tags and notes. Words from logged lunches, calls and favours are found by the timeline&apos;s search.</source>
        <translation>Die Kontaktsuche durchsucht Namen, Organisationen, E-Mails, Schlagwörter und Notizen. Wörter aus erfassten Mittagessen, Anrufen und Gefallen findet die Suche im Verlauf.</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation type="vanished">Suche und Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No contact matches “%1”.</source>
        <translation>Kein Kontakt passt zu „%1“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search the timeline for “%1”</source>
        <translation>Im Verlauf nach „%1“ suchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No archived contacts.</source>
        <translation>Keine archivierten Kontakte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No contact matches these filters.</source>
        <translation>Kein Kontakt passt zu diesen Filtern.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Search…</source>
        <translation>Suchen …</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Show all contacts</source>
        <translation>Alle Kontakte zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search and the filters</source>
        <translation>Suche und Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Search the timeline</source>
        <translation>Im Verlauf suchen</translation>
    </message>
</context>
<context>
    <name>ContactTimelineSection</name>
    <message>
        <location filename="../../ui/timeline/contact_section.py" line="+33"/>
        <source>Nothing logged with this person yet.</source>
        <translation>Mit dieser Person wurde noch nichts erfasst.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log interaction…</source>
        <translation>Begegnung erfassen …</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <location filename="../../ui/contacts/model.py" line="-470"/>
        <source>Above</source>
        <translation>Über mir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peer</source>
        <translation>Auf Augenhöhe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below</source>
        <translation>Unter mir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External</source>
        <translation>Extern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Work</source>
        <translation>Arbeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>University</source>
        <translation>Hochschule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Association</source>
        <translation>Verband</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>Weiterbildung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private</source>
        <translation>Privat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Information source</source>
        <translation>Informationsquelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentor</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sponsor</source>
        <translation>Förderer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Door-opener</source>
        <translation>Türöffner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referrer</source>
        <translation>Empfehlungsgeber</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sparring partner</source>
        <translation>Sparringspartner</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 weeks ago</source>
        <translation>vor %1 Wochen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 months ago</source>
        <translation>vor %1 Monaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 years ago</source>
        <translation>vor %1 Jahren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no reminder</source>
        <translation>keine Erinnerung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 day overdue</source>
        <translation>1 Tag überfällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 days overdue</source>
        <translation>%1 Tage überfällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due today</source>
        <translation>heute fällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due tomorrow</source>
        <translation>morgen fällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in %1 days</source>
        <translation>in %1 Tagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in %1 weeks</source>
        <translation>in %1 Wochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in %1 months</source>
        <translation>in %1 Monaten</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/wording.py" line="+5"/>
        <source>Keep in touch:
● red: due now or overdue
● orange: due within a week
○ hollow: not due yet
◌ faint: no reminder</source>
        <translation>Kontakt halten:
● rot: jetzt fällig oder überfällig
● orange: innerhalb einer Woche fällig
○ hohl: noch nicht fällig
◌ blass: keine Erinnerung</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/crash.py" line="+23"/>
        <source>Allies: unexpected error</source>
        <translation>Allies: unerwarteter Fehler</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something went wrong inside Allies. Your data is safe: every change is saved in one piece or not at all. You can keep working, or restart Allies if something looks wrong. If you report this, please include the details.</source>
        <translation>In Allies ist etwas schiefgegangen. Ihre Daten sind sicher: Jede Änderung wird entweder vollständig oder gar nicht gespeichert. Sie können weiterarbeiten oder Allies neu starten, falls etwas nicht stimmt. Wenn Sie den Fehler melden, fügen Sie bitte die Details bei.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
</context>
<context>
    <name>DesktopNotifier</name>
    <message>
        <location filename="../../ui/notifications.py" line="+256"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>DropOverlay</name>
    <message>
        <location filename="../../ui/interchange/actions.py" line="+92"/>
        <source>Drop vCard or CSV files to import them</source>
        <translation>vCard- oder CSV-Dateien zum Importieren hier ablegen</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../ui/welcome.py" line="+132"/>
        <source>Your network starts here</source>
        <translation>Hier beginnt Ihr Netzwerk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Allies helps you keep in touch with the people who matter for your work: above you, beside you, below you and outside. Bring them in:</source>
        <translation>Allies hilft Ihnen, mit den Menschen in Kontakt zu bleiben, die für Ihre Arbeit wichtig sind: über Ihnen, neben Ihnen, unter Ihnen und außerhalb. Holen Sie sie herein:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Drop vCard files here</source>
        <translation>vCard-Dateien hier ablegen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import LinkedIn connections…</source>
        <translation>LinkedIn-Kontakte importieren …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a contact</source>
        <translation>Kontakt anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+30"/>
        <source>Open a demo network</source>
        <translation>Demo-Netzwerk öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fill this database with about 150 invented contacts, their interactions and favours, to try Allies out?</source>
        <translation>Diese Datenbank mit etwa 150 erfundenen Kontakten samt Begegnungen und Gefallen füllen, um Allies auszuprobieren?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use a separate database (allies --db demo.sqlite3) for your real network.</source>
        <translation>Verwenden Sie für Ihr echtes Netzwerk eine eigene Datenbank (allies --db demo.sqlite3).</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="+25"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>Geburtstag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circle</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cadence</source>
        <translation>Rhythmus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is required.</source>
        <translation>%1 ist erforderlich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may not contain line breaks or control characters.</source>
        <translation>%1 darf keine Zeilenumbrüche oder Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is out of range: %2</source>
        <translation>%1 liegt außerhalb des gültigen Bereichs: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is not a valid e-mail address: %1</source>
        <translation>Das ist keine gültige E-Mail-Adresse: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a valid phone number: %1</source>
        <translation>Das ist keine gültige Telefonnummer: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not valid: %2</source>
        <translation>%1 ist ungültig: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Several contacts are called %1.</source>
        <translation>Mehrere Kontakte heißen %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It no longer exists: it may have been deleted.</source>
        <translation>Das gibt es nicht mehr: Es wurde möglicherweise gelöscht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was saved: the database is read-only (its file has no write permission).</source>
        <translation>Nichts wurde gespeichert: Die Datenbank ist schreibgeschützt (ihre Datei hat keine Schreibberechtigung).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was saved: another program kept the database busy for too long. Please try again.</source>
        <translation>Nichts wurde gespeichert: Ein anderes Programm hat die Datenbank zu lange belegt. Bitte versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something went wrong: %1</source>
        <translation>Etwas ist schiefgegangen: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Allies</source>
        <translation>Allies</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <location filename="../../ui/timeline/exchange_dialog.py" line="+45"/>
        <location line="+75"/>
        <source>Edit exchange</source>
        <translation>Austausch bearbeiten</translation>
    </message>
    <message>
        <location line="-75"/>
        <location line="+72"/>
        <source>Add exchange</source>
        <translation>Austausch hinzufügen</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>e.g. an introduction to our supplier</source>
        <translation>z. B. Vorstellung bei unserem Lieferanten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much it counts: 1 a little, 3 a lot</source>
        <translation>Wie viel es zählt: 1 wenig, 3 viel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. got the job</source>
        <translation>z. B. Stelle bekommen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thanked</source>
        <translation>Bedankt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Direction:</source>
        <translation>&amp;Richtung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;ate:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;What:</source>
        <translation>&amp;Was:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Weight:</source>
        <translation>&amp;Gewicht:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/interchange/export_dialog.py" line="+58"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>vCard 4.0 (contacts)</source>
        <translation>vCard 4.0 (Kontakte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV spreadsheet</source>
        <translation>CSV-Tabelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iCalendar (due dates, birthdays, follow-ups)</source>
        <translation>iCalendar (Fälligkeiten, Geburtstage, Wiedervorlagen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All contacts</source>
        <translation>Alle Kontakte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selected contacts (%1)</source>
        <translation>Ausgewählte Kontakte (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contacts tagged</source>
        <translation>Kontakte mit Schlagwort</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Contacts:</source>
        <translation>Kontakte:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Birthday: {name}</source>
        <translation>Geburtstag: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Get in touch with {name}</source>
        <translation>Bei {name} melden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{text} ({name})</source>
        <translation>{text} ({name})</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Exported 1 calendar event to %2</source>
        <translation>1 Kalendereintrag nach %2 exportiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported %1 calendar events to %2</source>
        <translation>%1 Kalendereinträge nach %2 exportiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported 1 contact to %2</source>
        <translation>1 Kontakt nach %2 exportiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported %1 contacts to %2</source>
        <translation>%1 Kontakte nach %2 exportiert</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
</context>
<context>
    <name>FindingCard</name>
    <message numerus="yes">
        <location filename="../../ui/insights/view.py" line="-88"/>
        <source>Show all %n…</source>
        <translation>
            <numerusform>Alle %n anzeigen …</numerusform>
            <numerusform>Alle %n anzeigen …</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindingRow</name>
    <message>
        <location line="-82"/>
        <source>Open goal</source>
        <translation>Ziel öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>Log…</source>
        <translation>Erfassen …</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thanked</source>
        <translation>Bedankt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I have thanked them</source>
        <translation>Ich habe mich bedankt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Snooze</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remind me again in a week</source>
        <translation>In einer Woche wieder erinnern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For a week</source>
        <translation>Für eine Woche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For a month</source>
        <translation>Für einen Monat</translation>
    </message>
</context>
<context>
    <name>FindingsDialog</name>
    <message>
        <location line="+97"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thanked</source>
        <translation>Bedankt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log…</source>
        <translation>Erfassen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Snooze a week</source>
        <translation>Eine Woche zurückstellen</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../ui/insights/models.py" line="+51"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
</context>
<context>
    <name>FollowUpsSection</name>
    <message>
        <location filename="../../ui/reminders_section.py" line="+159"/>
        <source>A week</source>
        <translation>Eine Woche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No reminder about this contact for a week</source>
        <translation>Eine Woche lang keine Erinnerung an diesen Kontakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A month</source>
        <translation>Einen Monat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No reminder about this contact for a month</source>
        <translation>Einen Monat lang keine Erinnerung an diesen Kontakt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Until this date</source>
        <translation>Bis zu diesem Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+165"/>
        <source>Remind again</source>
        <translation>Wieder erinnern</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>Snooze:</source>
        <translation>Zurückstellen:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No follow-ups yet.</source>
        <translation>Noch keine Wiedervorlagen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New follow-up, e.g. send the article</source>
        <translation>Neue Wiedervorlage, z. B. Artikel schicken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Reminders are on for this contact.</source>
        <translation>Erinnerungen für diesen Kontakt sind aktiv.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Snoozed: no reminders until %1.</source>
        <translation>Zurückgestellt: keine Erinnerungen bis %1.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Snooze contact</source>
        <translation>Kontakt zurückstellen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Add follow-up</source>
        <translation>Wiedervorlage hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Complete follow-up</source>
        <translation>Wiedervorlage erledigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reopen follow-up</source>
        <translation>Wiedervorlage wieder öffnen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Delete follow-up</source>
        <translation>Wiedervorlage löschen</translation>
    </message>
    <message>
        <location line="-213"/>
        <source>Snooze until</source>
        <translation>Zurückstellen bis</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Due date of the new follow-up</source>
        <translation>Fälligkeit der neuen Wiedervorlage</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <location filename="../../ui/insights/goals.py" line="-86"/>
        <source>Edit goal</source>
        <translation>Ziel bearbeiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New goal</source>
        <translation>Neues Ziel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Become team lead</source>
        <translation>z. B. Teamleitung übernehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target date</source>
        <translation>Zieldatum</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Why it matters, what it takes</source>
        <translation>Warum es wichtig ist, was es braucht</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Goal:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Why:</source>
        <translation>&amp;Warum:</translation>
    </message>
</context>
<context>
    <name>GoalListModel</name>
    <message>
        <location line="-165"/>
        <source>At risk: the date is close and its allies need attention.</source>
        <translation>Gefährdet: Der Termin ist nah, und die Verbündeten brauchen Aufmerksamkeit.</translation>
    </message>
</context>
<context>
    <name>Goals</name>
    <message>
        <location line="-59"/>
        <source>Achieved</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No target date</source>
        <translation>Kein Zieldatum</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target %1, passed %2 days ago</source>
        <translation>Zieldatum %1, vor %2 Tagen verstrichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target %1, passed yesterday</source>
        <translation>Zieldatum %1, gestern verstrichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target %1: today</source>
        <translation>Zieldatum %1: heute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target %1: tomorrow</source>
        <translation>Zieldatum %1: morgen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target %1, in %2 days</source>
        <translation>Zieldatum %1, in %2 Tagen</translation>
    </message>
</context>
<context>
    <name>GoalsPanel</name>
    <message>
        <location line="+358"/>
        <source>New goal…</source>
        <translation>Neues Ziel …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achieved</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log…</source>
        <translation>Erfassen …</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This person no longer helps with the goal</source>
        <translation>Diese Person hilft nicht mehr bei dem Ziel</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>What do you want to reach: a promotion, a new job, a project? Create a goal and attach the people who can help; Allies keeps an eye on those relationships.</source>
        <translation>Was möchten Sie erreichen: eine Beförderung, eine neue Stelle, ein Projekt? Legen Sie ein Ziel an und ordnen Sie die Menschen zu, die helfen können; Allies behält diese Beziehungen im Blick.</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>At risk: nobody is helping with this goal yet.</source>
        <translation>Gefährdet: Noch niemand hilft bei diesem Ziel.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At risk: your only ally is overdue or drifting away.</source>
        <translation>Gefährdet: Ihre einzige verbündete Person ist überfällig oder entfernt sich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At risk: 1 of %2 allies is overdue or drifting away.</source>
        <translation>Gefährdet: 1 von %2 Verbündeten ist überfällig oder entfernt sich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At risk: %1 of %2 allies are overdue or drifting away.</source>
        <translation>Gefährdet: %1 von %2 Verbündeten sind überfällig oder entfernen sich.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Attach the people who can help with this goal.</source>
        <translation>Ordnen Sie die Menschen zu, die bei diesem Ziel helfen können.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who to contact next: %1 (%2)</source>
        <translation>Als Nächstes melden bei: %1 (%2)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Create goal %1</source>
        <translation>Ziel %1 anlegen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Edit goal %1</source>
        <translation>Ziel %1 bearbeiten</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Mark %1 as achieved</source>
        <translation>%1 als erreicht markieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mark %1 as open</source>
        <translation>%1 als offen markieren</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Delete goal %1</source>
        <translation>Ziel %1 löschen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add ally to %1</source>
        <translation>Verbündete zu %1 hinzufügen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Remove %1 from %2</source>
        <translation>%1 aus %2 entfernen</translation>
    </message>
    <message>
        <location line="-350"/>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Allies for this goal</source>
        <translation>Verbündete für dieses Ziel</translation>
    </message>
</context>
<context>
    <name>GoalsSection</name>
    <message>
        <location filename="../../ui/insights/goals_section.py" line="+37"/>
        <source>Not helping with any of your goals yet.</source>
        <translation>Hilft noch bei keinem Ihrer Ziele.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helps with this goal</source>
        <translation>Hilft bei diesem Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>No other open goals</source>
        <translation type="vanished">Keine weiteren offenen Ziele</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Add to goal %1</source>
        <translation>Zum Ziel %1 hinzufügen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Remove from goal %1</source>
        <translation>Aus dem Ziel %1 entfernen</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Goals this contact helps with</source>
        <translation>Ziele, bei denen dieser Kontakt hilft</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Already helps with all your open goals</source>
        <translation>Hilft schon bei allen Ihren offenen Zielen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You have no open goals yet: add them in Insights → Goals</source>
        <translation>Sie haben noch keine offenen Ziele: Legen Sie sie unter Einblicke → Ziele an</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../ui/help.py" line="-102"/>
        <location line="+3"/>
        <source>Guide to Allies</source>
        <translation>Einführung in Allies</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location line="-110"/>
        <source>Open the selected contact</source>
        <translation>Den ausgewählten Kontakt öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter (in the list)</source>
        <translation>Eingabe (in der Liste)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archive the selected contacts</source>
        <translation>Die ausgewählten Kontakte archivieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete (in the list)</source>
        <translation>Entf (in der Liste)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move from the search into the list</source>
        <translation>Von der Suche in die Liste wechseln</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Down</source>
        <translation>Pfeil nach unten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search</source>
        <translation>Die Suche leeren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change a relation or note in place</source>
        <translation>Eine Beziehung oder Notiz direkt ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move between fields and buttons</source>
        <translation>Zwischen Feldern und Schaltflächen wechseln</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Umschalt+Tab</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Allies at every level</source>
        <translation>Verbündete auf jeder Ebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each contact has a level relative to you: above you, a peer, below you, or outside your organisation. Useful allies sit at every level; the coverage check in Insights says when a level or a circle is missing.</source>
        <translation>Jeder Kontakt hat eine Ebene im Verhältnis zu Ihnen: über Ihnen, auf Augenhöhe, unter Ihnen oder außerhalb Ihrer Organisation. Nützliche Verbündete gibt es auf jeder Ebene; die Abdeckungsprüfung in den Einblicken zeigt, wenn eine Ebene oder ein Kreis fehlt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give first, then take</source>
        <translation>Erst geben, dann nehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log what you give and what you receive (information, advice, help, an introduction…). The balance is what you gave minus what you received: below −2 you are taking more than giving; above +4 you are owed favours, a good time to ask. In between, give when you can.</source>
        <translation>Erfassen Sie, was Sie geben und was Sie erhalten (Informationen, Rat, Hilfe, eine Vorstellung …). Die Bilanz ist, was Sie gegeben haben, minus das, was Sie erhalten haben: unter −2 nehmen Sie mehr, als Sie geben; über +4 schuldet man Ihnen Gefallen, ein guter Moment, um etwas zu bitten. Dazwischen: Geben Sie, wenn sich die Gelegenheit bietet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keep in touch</source>
        <translation>In Kontakt bleiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every contact has a cadence: how often you want to be in touch (by default from the level, changeable per person, or never). When the time since the last interaction passes it, the contact is due: a red dot in the list, a reminder in the tray. Log a lunch, call or e-mail with Ctrl+L.</source>
        <translation>Jeder Kontakt hat einen Rhythmus: wie oft Sie in Kontakt sein wollen (standardmäßig nach der Ebene, pro Person änderbar, oder nie). Ist die Zeit seit der letzten Begegnung länger, ist der Kontakt fällig: ein roter Punkt in der Liste, eine Erinnerung im Infobereich. Erfassen Sie ein Mittagessen, einen Anruf oder eine E-Mail mit Strg+L.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write down what you want to reach (a promotion, a new job, a project) and who can help. Insights → Goals shows each goal with its allies and how healthy those relationships are.</source>
        <translation>Schreiben Sie auf, was Sie erreichen wollen (eine Beförderung, eine neue Stelle, ein Projekt) und wer dabei helfen kann. Einblicke → Ziele zeigt jedes Ziel mit seinen Verbündeten und wie gut diese Beziehungen gepflegt sind.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The views</source>
        <translation>Die Ansichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts: the list and one person&apos;s profile, timeline, give and take, relationships, goals and follow-ups. Timeline: everything you logged, searchable, with a chart to choose dates. Network: who knows whom, you in the centre. Insights: what to do next and the shape of your network. The contact list can show all columns, names only, or fold away (F9), for each view.</source>
        <translation>Kontakte: die Liste und für eine Person Profil, Verlauf, Geben &amp; Nehmen, Beziehungen, Ziele und Wiedervorlagen. Verlauf: alles Erfasste, durchsuchbar, mit einem Diagramm zur Auswahl der Daten. Netzwerk: wer wen kennt, Sie in der Mitte. Einblicke: was als Nächstes zu tun ist und die Gestalt Ihres Netzwerks. Die Kontaktliste kann für jede Ansicht alle Spalten, nur Namen oder gar nicht erscheinen (F9).</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>System</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>ImapDialog</name>
    <message>
        <location filename="../../ui/suggestions/sources_page.py" line="+52"/>
        <source>Add a mailbox</source>
        <translation>Postfach hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>imap.example.org</source>
        <translation>imap.example.org</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS (port 993)</source>
        <translation>TLS (Port 993)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STARTTLS (port 143)</source>
        <translation>STARTTLS (Port 143)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Inbox and Sent</source>
        <translation>Posteingang und Gesendet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Allies reads only the headers (who, when, subject) on this computer. The password is kept in the system keyring.</source>
        <translation>Allies liest nur die Kopfzeilen (wer, wann, Betreff), auf diesem Computer. Das Passwort liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ecurity:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Folders:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Enter the server and the user name.</source>
        <translation>Bitte Server und Benutzernamen eingeben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Logging in…</source>
        <translation>Anmeldung …</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The server now shows another certificate than the one you trusted:
SHA-256 %1</source>
        <translation>Der Server zeigt jetzt ein anderes Zertifikat als das, dem Sie vertraut haben:
SHA-256 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server&apos;s certificate is not trusted. If this is your own server, compare its fingerprint and trust it:
SHA-256 %1</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut. Wenn es Ihr eigener Server ist, vergleichen Sie den Fingerabdruck und vertrauen Sie ihm:
SHA-256 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This is not a server address Allies can use.</source>
        <translation>Mit dieser Serveradresse kann Allies nichts anfangen.</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <location filename="../../ui/interchange/preview_people.py" line="+274"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>web link</source>
        <translation>Weblink</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>birthday</source>
        <translation>Geburtstag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>circle</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep-in-touch interval</source>
        <translation>Kontaktrhythmus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connected on</source>
        <translation>vernetzt am</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no name, organisation, e-mail or phone</source>
        <translation>kein Name, keine Organisation, E-Mail oder Telefonnummer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>adds %1 %2</source>
        <translation>ergänzt %1 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 becomes %2</source>
        <translation>%1 wird %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>changes %1</source>
        <translation>ändert %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>card %1</source>
        <translation>Karte %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happens</source>
        <translation>Was geschieht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>(a card without a name)</source>
        <translation>(eine Karte ohne Namen)</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../ui/interchange/import_dialog.py" line="+90"/>
        <source>Import contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reading the files…</source>
        <translation>Dateien werden gelesen …</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+23"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>Karten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Similar to</source>
        <translation>Ähnlich wie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Possible duplicates</source>
        <translation>Mögliche Dubletten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tick a possible duplicate to merge the new card into the existing contact.</source>
        <translation>Haken Sie eine mögliche Dublette an, um die neue Karte mit dem vorhandenen Kontakt zusammenzuführen.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>New: %1</source>
        <translation>Neu: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated: %1</source>
        <translation>Aktualisiert: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged: %1</source>
        <translation>Unverändert: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The file could not be read and imports nothing.</source>
        <translation>Die Datei konnte nicht gelesen werden; aus ihr wird nichts importiert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 of %2 files could not be read and imports nothing.</source>
        <translation>1 von %2 Dateien konnte nicht gelesen werden; aus ihr wird nichts importiert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2 files could not be read and import nothing.</source>
        <translation>%1 von %2 Dateien konnten nicht gelesen werden; aus ihnen wird nichts importiert.</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>There is nothing new to import.</source>
        <translation>Es gibt nichts Neues zu importieren.</translation>
    </message>
    <message>
        <location filename="../../ui/interchange/preview_people.py" line="-162"/>
        <source>existing contact</source>
        <translation>vorhandener Kontakt</translation>
    </message>
    <message>
        <location filename="../../ui/interchange/import_dialog.py" line="+28"/>
        <source>Possible duplicates (%1)</source>
        <translation>Mögliche Dubletten (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problems (%1)</source>
        <translation>Probleme (%1)</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Importing…</source>
        <translation>Wird importiert …</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <location line="-197"/>
        <location line="+2"/>
        <source>Organisation, e-mail</source>
        <translation>Organisation, E-Mail</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>People (%1)</source>
        <translation>Personen (%1)</translation>
    </message>
</context>
<context>
    <name>Insights</name>
    <message>
        <location filename="../../ui/insights/actions.py" line="+76"/>
        <source>Snooze %1</source>
        <translation>%1 zurückstellen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Mark as thanked</source>
        <translation>Als bedankt markieren</translation>
    </message>
    <message>
        <location filename="../../ui/insights/charts.py" line="+21"/>
        <source>Q%1 ’%2</source>
        <translation>Q%1 ’%2</translation>
    </message>
    <message>
        <location filename="../../ui/insights/texts.py" line="+28"/>
        <source>Do now</source>
        <translation>Jetzt erledigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep an eye on</source>
        <translation>Im Blick behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good to know</source>
        <translation>Gut zu wissen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Get back in touch</source>
        <translation>Wieder Kontakt aufnehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting people is easy; keeping the contact alive is the work.</source>
        <translation>Menschen kennenzulernen ist leicht; die Arbeit ist, den Kontakt lebendig zu halten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Birthdays coming up</source>
        <translation>Anstehende Geburtstage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A short message on the day keeps a relationship warm.</source>
        <translation>Eine kurze Nachricht am Tag selbst hält eine Beziehung lebendig.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say thank you</source>
        <translation>Danke sagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>They recommended or introduced you: let them know it mattered.</source>
        <translation>Diese Personen haben Sie empfohlen oder vermittelt: Zeigen Sie ihnen, dass es etwas bewirkt hat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Goals at risk</source>
        <translation>Gefährdete Ziele</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These goals are close, and the people who can help need attention first.</source>
        <translation>Diese Ziele sind nah, und die Menschen, die helfen können, brauchen zuerst Aufmerksamkeit.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Is your network one-sided?</source>
        <translation>Ist Ihr Netzwerk einseitig?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Useful allies sit above you, beside you, below you and outside the company.</source>
        <translation>Nützliche Verbündete sitzen über Ihnen, neben Ihnen, unter Ihnen und außerhalb des Unternehmens.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Give before you take</source>
        <translation>Erst geben, dann nehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Favours that only flow one way end a relationship: give something back.</source>
        <translation>Gefallen, die nur in eine Richtung fließen, beenden eine Beziehung: Geben Sie etwas zurück.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A good time to ask</source>
        <translation>Ein guter Zeitpunkt, um zu fragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have given a lot to these people: asking them for help is fair.</source>
        <translation>Sie haben diesen Menschen viel gegeben: Es ist nur fair, sie um Hilfe zu bitten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Roles nobody plays for you</source>
        <translation>Rollen, die niemand für Sie übernimmt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A strong network has people who inform, advise, sponsor and open doors.</source>
        <translation>Ein starkes Netzwerk hat Menschen, die informieren, beraten, fördern und Türen öffnen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bridges in your network</source>
        <translation>Brücken in Ihrem Netzwerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each of them is the only link between groups of people you know.</source>
        <translation>Jede dieser Personen ist die einzige Verbindung zwischen Gruppen von Menschen, die Sie kennen.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Due today.</source>
        <translation>Heute fällig.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 day overdue.</source>
        <translation>1 Tag überfällig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 days overdue.</source>
        <translation>%1 Tage überfällig.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last contact %1.</source>
        <translation>Letzter Kontakt am %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have never met.</source>
        <translation>Sie haben sich noch nie getroffen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Birthday today!</source>
        <translation>Heute Geburtstag!</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Birthday tomorrow.</source>
        <translation>Morgen Geburtstag.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Birthday in %1 days, on %2.</source>
        <translation>Geburtstag in %1 Tagen, am %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Turns %1.</source>
        <translation>Wird %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Introduced you on %1: “%2”</source>
        <translation>Hat Ihnen am %1 einen Kontakt vermittelt: „%2“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Introduced you on %1.</source>
        <translation>Hat Ihnen am %1 einen Kontakt vermittelt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recommended you on %1: “%2”</source>
        <translation>Hat Sie am %1 empfohlen: „%2“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recommended you on %1.</source>
        <translation>Hat Sie am %1 empfohlen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outcome: %1.</source>
        <translation>Ergebnis: %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The target date passed yesterday.</source>
        <translation>Das Zieldatum ist gestern verstrichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The target date passed %1 days ago.</source>
        <translation>Das Zieldatum ist vor %1 Tagen verstrichen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The target date is today.</source>
        <translation>Das Zieldatum ist heute.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The target date is tomorrow.</source>
        <translation>Das Zieldatum ist morgen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The target date is in %1 days.</source>
        <translation>Das Zieldatum ist in %1 Tagen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nobody is helping with it yet: attach the people who can.</source>
        <translation>Noch hilft niemand dabei: Ordnen Sie die Menschen zu, die helfen können.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The only link between some of the people you know and the rest of your network: keep this relationship strong.</source>
        <translation>Die einzige Verbindung zwischen einigen Menschen, die Sie kennen, und dem Rest Ihres Netzwerks: Halten Sie diese Beziehung stark.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nobody plays the role “%1” for you yet.</source>
        <translation>Noch niemand übernimmt für Sie die Rolle „%1“.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your only ally is overdue or drifting away.</source>
        <translation>Ihre einzige verbündete Person ist überfällig oder entfernt sich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 of %2 allies is overdue or drifting away.</source>
        <translation>1 von %2 Verbündeten ist überfällig oder entfernt sich.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2 allies are overdue or drifting away.</source>
        <translation>%1 von %2 Verbündeten sind überfällig oder entfernen sich.</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Start with %1.</source>
        <translation>Beginnen Sie mit %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Balance %1: you have received more than you gave.</source>
        <translation>Bilanz %1: Sie haben mehr erhalten als gegeben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Balance %1: you have given much more than you received.</source>
        <translation>Bilanz %1: Sie haben viel mehr gegeben als erhalten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The only link between %1 people you know and the rest of your network: keep this relationship strong.</source>
        <translation>Die einzige Verbindung zwischen %1 Menschen, die Sie kennen, und dem Rest Ihres Netzwerks: Halten Sie diese Beziehung stark.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 % of your contacts have no circle: record how you met them.</source>
        <translation>%1 % Ihrer Kontakte haben keinen Kreis: Halten Sie fest, wie Sie sie kennengelernt haben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 % of your contacts come from %2: meet people from other circles.</source>
        <translation>%1 % Ihrer Kontakte stammen aus dem Kreis „%2“: Lernen Sie Menschen aus anderen Kreisen kennen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Everyone you know is inside your own organisation: build allies outside it, in associations, at events, among former colleagues.</source>
        <translation>Alle, die Sie kennen, sind in Ihrer eigenen Organisation: Gewinnen Sie Verbündete außerhalb – in Verbänden, auf Veranstaltungen, unter ehemaligen Kollegen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No ally above you at %1: find a mentor or sponsor among the people who decide.</source>
        <translation>Keine Verbündeten über Ihnen bei %1: Suchen Sie unter den Entscheidern einen Mentor oder Förderer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No ally below you at %1: the people who do the work often know first.</source>
        <translation>Keine Verbündeten unter Ihnen bei %1: Wer die Arbeit macht, weiß oft als Erster Bescheid.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No peer at %1: colleagues at your level are your daily support.</source>
        <translation>Niemand auf Augenhöhe bei %1: Kollegen auf Ihrer Ebene sind Ihre tägliche Unterstützung.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No ally above you: find a mentor or sponsor among the people who decide.</source>
        <translation>Keine Verbündeten über Ihnen: Suchen Sie unter den Entscheidern einen Mentor oder Förderer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No ally below you: the people who do the work often know first.</source>
        <translation>Keine Verbündeten unter Ihnen: Wer die Arbeit macht, weiß oft als Erster Bescheid.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No peer ally: colleagues at your level are your daily support.</source>
        <translation>Niemand auf Augenhöhe: Kollegen auf Ihrer Ebene sind Ihre tägliche Unterstützung.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nobody plays these roles for you yet: %1.</source>
        <translation>Diese Rollen übernimmt für Sie noch niemand: %1.</translation>
    </message>
</context>
<context>
    <name>InsightsView</name>
    <message>
        <location filename="../../ui/insights/view.py" line="+132"/>
        <location line="+21"/>
        <source>Organisations</source>
        <translation>Organisationen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What to do next</source>
        <translation>Nächste Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your network</source>
        <translation>Ihr Netzwerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Refresh insights</source>
        <translation>Einblicke aktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New goal…</source>
        <translation>Neues Ziel …</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>All is well with your network today.</source>
        <translation>Heute ist in Ihrem Netzwerk alles in Ordnung.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>To do now: %1</source>
        <translation>Jetzt erledigen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep an eye on: %1</source>
        <translation>Im Blick behalten: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Good to know: %1</source>
        <translation>Gut zu wissen: %1</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>No contacts yet. Add the people you work with, or import them: Insights shows who needs attention once there is a network to look at.</source>
        <translation>Noch keine Kontakte. Legen Sie die Menschen an, mit denen Sie arbeiten, oder importieren Sie sie: Die Einblicke zeigen, wer Aufmerksamkeit braucht, sobald es ein Netzwerk anzusehen gibt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing is due yet, but 1 contact has no interaction logged. Log how you met, so Allies knows when to remind you.</source>
        <translation>Noch ist nichts fällig, aber für 1 Kontakt ist keine Begegnung erfasst. Erfassen Sie, wie Sie sich kennengelernt haben, damit Allies weiß, wann es Sie erinnern soll.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing is due yet, but %1 contacts have no interaction logged. Log how you met, so Allies knows when to remind you.</source>
        <translation>Noch ist nichts fällig, aber für %1 Kontakte ist keine Begegnung erfasst. Erfassen Sie, wie Sie sich kennengelernt haben, damit Allies weiß, wann es Sie erinnern soll.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing is due yet.</source>
        <translation>Noch ist nichts fällig.</translation>
    </message>
</context>
<context>
    <name>InterchangeActions</name>
    <message>
        <location filename="../../ui/interchange/actions.py" line="+51"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import vCard files or LinkedIn / Google CSV exports</source>
        <translation>vCard-Dateien oder CSV-Exporte von LinkedIn / Google importieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Undo last import</source>
        <translation>Letzten Import rückgängig machen</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Import contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contacts (*.vcf *.vcard *.csv);;All files (*)</source>
        <translation>Kontakte (*.vcf *.vcard *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Imported: %1 new, %2 updated.</source>
        <translation>Importiert: %1 neu, %2 aktualisiert.</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+55"/>
        <source>There is no import to undo.</source>
        <translation>Es gibt keinen Import, der rückgängig gemacht werden kann.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import undone: 1 contact removed, %2 restored.</source>
        <translation>Import rückgängig gemacht: 1 Kontakt entfernt, %2 wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import undone: %1 contacts removed, %2 restored.</source>
        <translation>Import rückgängig gemacht: %1 Kontakte entfernt, %2 wiederhergestellt.</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>Undo last import…</source>
        <translation>Letzten Import rückgängig machen …</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Undo the import of %1?</source>
        <translation>Den Import vom %1 rückgängig machen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo the last import?</source>
        <translation>Den letzten Import rückgängig machen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contacts it added, to be removed: %1 · changed, to be restored: %2</source>
        <translation>Hinzugefügte Kontakte, die entfernt werden: %1 · geänderte, die wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Undo import</source>
        <translation>Import rückgängig machen</translation>
    </message>
</context>
<context>
    <name>LabelCombo</name>
    <message>
        <location filename="../../ui/contacts/profile.py" line="+51"/>
        <location line="+12"/>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
</context>
<context>
    <name>LabeledRows</name>
    <message>
        <location line="+88"/>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Label of %1</source>
        <translation>Bezeichnung für %1</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <location filename="../../ui/timeline/ledger_section.py" line="+63"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thanked</source>
        <translation>Bedankt</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Mark as thanked</source>
        <translation>Als bedankt markieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mark as not thanked</source>
        <translation>Als nicht bedankt markieren</translation>
    </message>
</context>
<context>
    <name>LedgerSection</name>
    <message>
        <location line="+57"/>
        <source>I gave…</source>
        <translation>Ich habe gegeben …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I received…</source>
        <translation>Ich habe erhalten …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Give &amp; take</source>
        <translation>Geben &amp; Nehmen</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Nothing given or received yet: give first, then take.</source>
        <translation>Noch nichts gegeben oder erhalten: Erst geben, dann nehmen.</translation>
    </message>
    <message>
        <source>You have given more than you received: a good moment to ask.</source>
        <translation type="vanished">Sie haben mehr gegeben als erhalten: ein guter Moment, um zu fragen.</translation>
    </message>
    <message>
        <source>You have been taking: give something back.</source>
        <translation type="vanished">Sie haben vor allem genommen: Geben Sie etwas zurück.</translation>
    </message>
    <message>
        <source>Give and take are in balance.</source>
        <translation type="vanished">Geben und Nehmen sind ausgeglichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Balance %1. %2</source>
        <translation>Bilanz %1. %2</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Delete exchange</source>
        <translation>Austausch löschen</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>Given and received</source>
        <translation>Gegeben und erhalten</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../../ui/network/view.py" line="+85"/>
        <source>You</source>
        <translation>Ich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Above you</source>
        <translation>Über mir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peer</source>
        <translation>Auf Augenhöhe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below you</source>
        <translation>Unter mir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External</source>
        <translation>Extern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationship</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Met together</source>
        <translation>Gemeinsam getroffen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Bigger and closer: stronger relationship</source>
        <translation>Größer und näher: stärkere Beziehung</translation>
    </message>
</context>
<context>
    <name>ListLayout</name>
    <message>
        <location filename="../../ui/list_layout.py" line="+77"/>
        <source>Contact list with &amp;all columns</source>
        <translation>Kontaktliste mit &amp;allen Spalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact list with &amp;names only</source>
        <translation>Kontaktliste nur mit &amp;Namen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hide the contact list</source>
        <translation>Kontaktliste a&amp;usblenden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Contact list</source>
        <translation>Kontaktliste</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Contact list: all columns. Click for names only (%1)</source>
        <translation>Kontaktliste: alle Spalten. Klicken für nur Namen (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact list: names only. Click to hide it (%1)</source>
        <translation>Kontaktliste: nur Namen. Klicken zum Ausblenden (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact list hidden. Click to show all columns (%1)</source>
        <translation>Kontaktliste ausgeblendet. Klicken für alle Spalten (%1)</translation>
    </message>
</context>
<context>
    <name>LogInteractionDialog</name>
    <message>
        <location filename="../../ui/timeline/log_dialog.py" line="+208"/>
        <location line="+295"/>
        <source>Edit interaction</source>
        <translation>Begegnung bearbeiten</translation>
    </message>
    <message>
        <location line="-295"/>
        <location line="+293"/>
        <source>Log interaction</source>
        <translation>Begegnung erfassen</translation>
    </message>
    <message>
        <location line="-279"/>
        <source>Type a name, Enter adds it</source>
        <translation>Namen eingeben, mit der Eingabetaste übernehmen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>What was it about?</source>
        <translation>Worum ging es?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Save (%1)</source>
        <translation>Speichern (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;With:</source>
        <translation>&amp;Mit:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Summary:</source>
        <translation>&amp;Zusammenfassung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I &amp;gave:</source>
        <translation>Ich habe &amp;gegeben:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I &amp;received:</source>
        <translation>Ich habe &amp;erhalten:</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Several contacts are called “%1”: pick one from the list.</source>
        <translation>Mehrere Kontakte heißen „%1“: Wählen Sie einen aus der Liste.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No contact is called “%1”.</source>
        <translation>Kein Kontakt heißt „%1“.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Add at least one person you met.</source>
        <translation>Fügen Sie mindestens eine Person hinzu, die Sie getroffen haben.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+77"/>
        <source>Allies</source>
        <translation>Allies</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>&amp;Find contact</source>
        <translation>Kontakt &amp;suchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Settings…</source>
        <translation>Ein&amp;stellungen …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About Allies</source>
        <translation>Ü&amp;ber Allies</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insights</source>
        <translation>Einblicke</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederherstellen: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Contact</source>
        <translation>&amp;Kontakt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>This view is on its way. Your contacts are all in the Contacts view.</source>
        <translation>Diese Ansicht ist in Arbeit. Alle Ihre Kontakte finden Sie in der Ansicht „Kontakte“.</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Undone.</source>
        <translation>Rückgängig gemacht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 contact</source>
        <translation>1 Kontakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 contacts</source>
        <translation>%1 Kontakte</translation>
    </message>
    <message>
        <source>About Allies</source>
        <translation type="vanished">Über Allies</translation>
    </message>
    <message>
        <source>Allies %1</source>
        <translation type="vanished">Allies %1</translation>
    </message>
    <message>
        <source>A private relationship manager for professional networking: alliances at every level, give first, keep in touch. Your data stays on this computer.</source>
        <translation type="vanished">Eine private Beziehungsverwaltung für berufliches Netzwerken: Verbündete auf jeder Ebene, zuerst geben, in Kontakt bleiben. Ihre Daten bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <location line="-323"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Guide to Allies</source>
        <translation>&amp;Einführung in Allies</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The log files help to report a problem: attach the newest one.</source>
        <translation>Die Protokolldateien helfen, ein Problem zu melden: Hängen Sie die neueste an.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>This &amp;view</source>
        <translation>Diese &amp;Ansicht</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../ui/contacts/merge.py" line="+36"/>
        <source>Merge two contacts</source>
        <translation>Zwei Kontakte zusammenführen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the contact that stays. Every e-mail, phone, tag, interaction and exchange of the other one moves to it; empty fields are filled from the other one, which is then removed.</source>
        <translation>Wählen Sie den Kontakt, der bleibt. Alle E-Mail-Adressen, Telefonnummern, Schlagwörter, Begegnungen und Austausche des anderen gehen auf ihn über; leere Felder werden aus dem anderen Kontakt gefüllt, der danach entfernt wird.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Keep this one</source>
        <translation>Diesen behalten</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
</context>
<context>
    <name>NetworkCanvas</name>
    <message>
        <location filename="../../ui/network/canvas.py" line="+205"/>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location line="+340"/>
        <source>You</source>
        <translation>Ich</translation>
    </message>
    <message>
        <location line="+416"/>
        <source>Never met</source>
        <translation>Noch nie getroffen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last contact: %1</source>
        <translation>Letzter Kontakt: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Above you</source>
        <translation>Über mir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peer</source>
        <translation>Auf Augenhöhe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below you</source>
        <translation>Unter mir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External</source>
        <translation>Extern</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../../ui/network/view.py" line="+100"/>
        <source>Rings</source>
        <translation>Ringe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Force-directed</source>
        <translation>Kräftebasiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the people are arranged</source>
        <translation>Wie die Personen angeordnet werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+315"/>
        <source>All tags</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <location line="-313"/>
        <source>All levels</source>
        <translation>Alle Ebenen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Above you</source>
        <translation>Über mir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peers</source>
        <translation>Auf Augenhöhe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below you</source>
        <translation>Unter mir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External</source>
        <translation>Extern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All circles</source>
        <translation>Alle Kreise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Work</source>
        <translation>Arbeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>University</source>
        <translation>Hochschule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Association</source>
        <translation>Verband</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>Weiterbildung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private</source>
        <translation>Privat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Path to…</source>
        <translation>Weg zu …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who can introduce you to this person?</source>
        <translation>Wer kann Sie mit dieser Person bekannt machen?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Link</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Drag from one person to another to record how they are related (or hold Shift while dragging)</source>
        <translation>Von einer Person zu einer anderen ziehen, um festzuhalten, wie sie zueinander stehen (oder beim Ziehen die Umschalttaste gedrückt halten)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export PNG…</source>
        <translation>Als PNG exportieren …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Laying out…</source>
        <translation>Wird angeordnet …</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>Nobody to show yet: add contacts, or change the filters.</source>
        <translation>Noch niemand anzuzeigen: Fügen Sie Kontakte hinzu oder ändern Sie die Filter.</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>%1 is not in the network shown (archived or filtered out).</source>
        <translation>%1 ist im angezeigten Netzwerk nicht enthalten (archiviert oder ausgefiltert).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No chain of introductions leads to %1.</source>
        <translation>Keine Kette von Vorstellungen führt zu %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You know %1 directly.</source>
        <translation>Sie kennen %1 direkt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask %1 to introduce you to %2.</source>
        <translation>Bitten Sie %1, Sie mit %2 bekannt zu machen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Path of introductions: %1.</source>
        <translation>Weg über Vorstellungen: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You</source>
        <translation>Ich</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Add relationship</source>
        <translation>Beziehung hinzufügen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export network</source>
        <translation>Netzwerk exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="-421"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show everyone</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Legend</source>
        <translation>Legende</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Show or hide what the colours and lines mean</source>
        <translation>Zeigen oder ausblenden, was Farben und Linien bedeuten</translation>
    </message>
</context>
<context>
    <name>NewContactDialog</name>
    <message>
        <location filename="../../ui/contacts/profile.py" line="+995"/>
        <source>New contact</source>
        <translation>Neuer Kontakt</translation>
    </message>
</context>
<context>
    <name>OnboardingDialog</name>
    <message>
        <location filename="../../ui/welcome.py" line="-130"/>
        <source>Welcome to Allies</source>
        <translation>Willkommen bei Allies</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allies puts you in the centre of your network. Who are you, and where do you work? Levels (above, peer, below) are relative to you, and insights about “your own organisation” mean this one. You can change it later in the settings.</source>
        <translation>Allies stellt Sie in die Mitte Ihres Netzwerks. Wer sind Sie, und wo arbeiten Sie? Die Ebenen (über mir, auf Augenhöhe, unter mir) beziehen sich auf Sie, und Einblicke zur „eigenen Organisation“ meinen diese hier. Sie können das später in den Einstellungen ändern.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your organisation</source>
        <translation>Ihre Organisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your &amp;name</source>
        <translation>Ihr &amp;Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your &amp;organisation</source>
        <translation>Ihre &amp;Organisation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
</context>
<context>
    <name>OrganisationsModel</name>
    <message>
        <location filename="../../ui/insights/models.py" line="+42"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Levels</source>
        <translation>Ebenen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Relationships due today or overdue</source>
        <translation>Heute fällige oder überfällige Beziehungen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (yours)</source>
        <translation>%1 (eigene)</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <location filename="../../ui/contacts/profile.py" line="-367"/>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <location line="+436"/>
        <source>Create %1</source>
        <translation>%1 anlegen</translation>
    </message>
</context>
<context>
    <name>ProfileSection</name>
    <message>
        <location line="-368"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the changes (%1)</source>
        <translation>Änderungen speichern (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard the changes not saved yet</source>
        <translation>Noch nicht gespeicherte Änderungen verwerfen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>These changes are not saved yet: %1. Fix them and save, or Revert to discard them.</source>
        <translation>Diese Änderungen sind noch nicht gespeichert: %1. Korrigieren und speichern Sie sie, oder verwerfen Sie sie mit „Verwerfen“.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Your changes to %1 are not saved yet: %2. They are kept until you fix or discard them.</source>
        <translation>Ihre Änderungen an %1 sind noch nicht gespeichert: %2. Sie bleiben erhalten, bis Sie sie korrigieren oder verwerfen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 fields are not valid</source>
        <translation>%1 Felder sind ungültig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the e-mail address is not valid</source>
        <translation>Die E-Mail-Adresse ist ungültig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the phone number is not valid</source>
        <translation>Die Telefonnummer ist ungültig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the birthday is not a valid date</source>
        <translation>Der Geburtstag ist kein gültiges Datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the name is missing</source>
        <translation>Der Name fehlt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a field is not valid</source>
        <translation>Ein Feld ist ungültig</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have unsaved changes to %1.</source>
        <translation>Sie haben nicht gespeicherte Änderungen an %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You have unsaved changes to %1 contacts: %2.</source>
        <translation>Sie haben nicht gespeicherte Änderungen an %1 Kontakten: %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>They are not valid yet, so they could not be saved. Discard them, or cancel and fix them.</source>
        <translation>Sie sind noch nicht gültig und konnten daher nicht gespeichert werden. Verwerfen Sie sie, oder brechen Sie ab und korrigieren Sie sie.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>ReadOnlyBanner</name>
    <message>
        <location filename="../../ui/read_only.py" line="+42"/>
        <source>This database is read-only: its file has no write permission. You can look at everything, but nothing can be changed.</source>
        <translation>Diese Datenbank ist schreibgeschützt: Ihre Datei hat keine Schreibberechtigung. Sie können alles ansehen, aber nichts ändern.</translation>
    </message>
</context>
<context>
    <name>RelationDelegate</name>
    <message>
        <location filename="../../ui/network/relationships_section.py" line="+169"/>
        <source>Relation</source>
        <translation>Beziehung</translation>
    </message>
</context>
<context>
    <name>RelationshipDialog</name>
    <message>
        <location filename="../../ui/network/relationship_dialog.py" line="+85"/>
        <source>New relationship</source>
        <translation>Neue Beziehung</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
</context>
<context>
    <name>RelationshipTableModel</name>
    <message>
        <location filename="../../ui/network/relationships_section.py" line="-100"/>
        <source>Relation</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Double-click (or F2) to change the relation</source>
        <translation>Doppelklick (oder F2), um die Beziehung zu ändern</translation>
    </message>
</context>
<context>
    <name>Relationships</name>
    <message>
        <location filename="../../ui/network/relationship_dialog.py" line="-67"/>
        <location line="+1"/>
        <source>colleague of %1</source>
        <translation>Kollege/Kollegin von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reports to %1</source>
        <translation>berichtet an %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manages %1</source>
        <translation>leitet %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>introduced by %1</source>
        <translation>vorgestellt von %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>introduced %1</source>
        <translation>hat %1 vorgestellt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mentor of %1</source>
        <translation>Mentor/in von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mentored by %1</source>
        <translation>Mentee von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>knows %1</source>
        <translation>kennt %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>friend of %1</source>
        <translation>befreundet mit %1</translation>
    </message>
</context>
<context>
    <name>RelationshipsSection</name>
    <message>
        <location filename="../../ui/network/relationships_section.py" line="+126"/>
        <source>No relationships recorded yet.</source>
        <translation>Noch keine Beziehungen erfasst.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Person…</source>
        <translation>Person …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+65"/>
        <source>Relationships</source>
        <translation>Beziehungen</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Add relationship with %1</source>
        <translation>Beziehung zu %1 hinzufügen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Remove relationship with %1</source>
        <translation>Beziehung zu %1 entfernen</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Relation</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Change relationship with %1</source>
        <translation>Beziehung zu %1 ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change note on %1</source>
        <translation>Notiz zu %1 ändern</translation>
    </message>
</context>
<context>
    <name>ReminderBanner</name>
    <message>
        <location filename="../../ui/reminder_banner.py" line="+30"/>
        <source>%1 (birthday)</source>
        <translation>%1 (Geburtstag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday today: %1</source>
        <translation>Heute Geburtstag: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (follow-up)</source>
        <translation>%1 (Wiedervorlage)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (today)</source>
        <translation>%1 (heute)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (1 day)</source>
        <translation>%1 (1 Tag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2 days)</source>
        <translation>%1 (%2 Tage)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — due today</source>
        <translation>%1 – heute fällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — 1 day overdue</source>
        <translation>%1 – 1 Tag überfällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — %2 days overdue</source>
        <translation>%1 – %2 Tage überfällig</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>1 relationship needs attention:</source>
        <translation>1 Beziehung braucht Aufmerksamkeit:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 relationships need attention:</source>
        <translation>%1 Beziehungen brauchen Aufmerksamkeit:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>and %1 more</source>
        <translation>und %1 weitere</translation>
    </message>
</context>
<context>
    <name>Restart</name>
    <message>
        <location filename="../../ui/restart.py" line="+66"/>
        <source>New language</source>
        <translation>Neue Sprache</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restart Allies now to use the new language?</source>
        <translation>Allies jetzt neu starten, um die neue Sprache zu verwenden?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your data is saved; Allies opens again where you were.</source>
        <translation>Ihre Daten sind gespeichert; Allies öffnet sich wieder dort, wo Sie waren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restart now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+53"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+95"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>never remind</source>
        <translation>nie erinnern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A new language takes effect after a restart.</source>
        <translation>Eine neue Sprache wird nach einem Neustart wirksam.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open data folder</source>
        <translation>Datenordner öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You</source>
        <translation>Zu Ihrer Person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your organisation</source>
        <translation>Ihre Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep in touch by default</source>
        <translation>Standardrhythmus je Ebene</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reminders</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quiet hours (no notifications):</source>
        <translation>Ruhezeiten (keine Benachrichtigungen):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start Allies in the tray when I log in</source>
        <translation>Allies bei der Anmeldung im Infobereich starten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not supported on this system.</source>
        <translation>Auf diesem System nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your data</source>
        <translation>Ihre Daten</translation>
    </message>
    <message>
        <location line="+32"/>
        <source> day</source>
        <translation> Tag</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
</context>
<context>
    <name>ShapeCharts</name>
    <message>
        <location filename="../../ui/insights/charts.py" line="+19"/>
        <source>Contacts by level</source>
        <translation>Kontakte nach Ebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts by circle</source>
        <translation>Kontakte nach Kreis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Different people met per quarter</source>
        <translation>Verschiedene getroffene Personen pro Quartal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many different people you met in each quarter: how wide you reach.</source>
        <translation>Wie viele verschiedene Menschen Sie in jedem Quartal getroffen haben: wie weit Ihre Reichweite ist.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/help.py" line="-125"/>
        <location line="+5"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>SourcesModel</name>
    <message>
        <location filename="../../ui/suggestions/sources_page.py" line="-143"/>
        <source>last scan %1</source>
        <translation>zuletzt gelesen %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not scanned yet</source>
        <translation>noch nicht gelesen</translation>
    </message>
</context>
<context>
    <name>SourcesPage</name>
    <message>
        <location line="+159"/>
        <source>me@example.org, me@private.example</source>
        <translation>ich@example.org, ich@privat.example</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept e-mail suggestions automatically</source>
        <translation>E-Mail-Vorschläge automatisch übernehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your e-mail</source>
        <translation>Ihre E-Mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My e-mail &amp;addresses:</source>
        <translation>Meine E-Mail-&amp;Adressen:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;mailbox…</source>
        <translation>&amp;Postfach hinzufügen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add &amp;folder or file</source>
        <translation>&amp;Ordner oder Datei hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Scan now</source>
        <translation>Jetzt &amp;lesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>F&amp;orget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the source with what Allies noted about it and its open suggestions</source>
        <translation>Die Quelle entfernen, mit allem, was Allies sich dazu gemerkt hat, und ihren offenen Vorschlägen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel scan</source>
        <translation>Lesen abbrechen</translation>
    </message>
    <message>
        <location line="+189"/>
        <source>Scanning %1…</source>
        <translation>%1 wird gelesen …</translation>
    </message>
    <message>
        <location line="-171"/>
        <source>Mailboxes, mail folders and calendars</source>
        <translation>Postfächer, Mailordner und Kalender</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Scan in the &amp;background: at start and every 30 minutes</source>
        <translation>Im &amp;Hintergrund lesen: beim Start und alle 30 Minuten</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Allies reads who wrote to whom and when, and your past meetings, on this computer, and proposes them as encounters. No message text is stored.</source>
        <translation>Allies liest auf diesem Computer, wer wem wann geschrieben hat, und Ihre vergangenen Termine, und schlägt sie als Begegnungen vor. Kein Nachrichtentext wird gespeichert.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Calendars of the account %1</source>
        <translation>Kalender des Kontos %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Maildir folder…</source>
        <translation>Maildir-Ordner …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mbox file…</source>
        <translation>mbox-Datei …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar file (.ics)…</source>
        <translation>Kalenderdatei (.ics) …</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Maildir folder</source>
        <translation>Maildir-Ordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar (*.ics)</source>
        <translation>Kalender (*.ics)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 is not a mail folder, mail file or calendar Allies can read.</source>
        <translation>%1 ist kein Mailordner, keine Maildatei und kein Kalender, den Allies lesen kann.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is scanned after the scan that is running.</source>
        <translation>%1 wird nach dem laufenden Lesen gelesen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Forget source</source>
        <translation>Quelle vergessen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget %1?</source>
        <translation>%1 vergessen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allies stops reading it and removes what it noted about it and its open suggestions. What you accepted stays.</source>
        <translation>Allies liest sie nicht mehr und entfernt, was es sich dazu gemerkt hat, und ihre offenen Vorschläge. Was Sie übernommen haben, bleibt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
</context>
<context>
    <name>SuggestionListModel</name>
    <message>
        <location filename="../../ui/suggestions/model.py" line="+63"/>
        <source>New contact: %1</source>
        <translation>Neuer Kontakt: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 on %2: %3</source>
        <translation>%1 am %2: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
</context>
<context>
    <name>SuggestionsTrayLine</name>
    <message>
        <location filename="../../ui/suggestions/badge.py" line="+91"/>
        <source>1 suggestion to review…</source>
        <translation>1 Vorschlag zu prüfen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 suggestions to review…</source>
        <translation>%1 Vorschläge zu prüfen …</translation>
    </message>
</context>
<context>
    <name>SuggestionsView</name>
    <message>
        <location filename="../../ui/suggestions/view.py" line="+44"/>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing to review. Add your mailbox or calendar in Settings → Sources, and Allies proposes the encounters it finds there.</source>
        <translation>Nichts zu prüfen. Fügen Sie unter Einstellungen → Quellen Ihr Postfach oder Ihren Kalender hinzu, dann schlägt Allies die Begegnungen vor, die es dort findet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Accept</source>
        <translation>Ü&amp;bernehmen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Edit, then accept…</source>
        <translation>&amp;Bearbeiten, dann übernehmen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Dismiss</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept all with this &amp;person</source>
        <translation>Alle mit dieser &amp;Person übernehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan now</source>
        <translation>Jetzt lesen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter accepts · E edits first · Delete dismisses · P accepts all with the person · F5 scans</source>
        <translation>Eingabe übernimmt · E bearbeitet zuerst · Entf verwirft · P übernimmt alle mit der Person · F5 liest</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Accept suggestion</source>
        <translation>Vorschlag übernehmen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Accept all with one person</source>
        <translation>Alle mit einer Person übernehmen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Dismiss suggestion</source>
        <translation>Vorschlag verwerfen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Scanning…</source>
        <translation>Wird gelesen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scanning %1…</source>
        <translation>%1 wird gelesen …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No sources yet: add one in Settings → Sources.</source>
        <translation>Noch keine Quellen: Fügen Sie eine unter Einstellungen → Quellen hinzu.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../ui/sync_status.py" line="+38"/>
        <source>server unreachable</source>
        <translation>Server nicht erreichbar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server did not answer in time</source>
        <translation>der Server hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server refused the user name or password</source>
        <translation>der Server hat Benutzername oder Passwort abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server refused access</source>
        <translation>der Server hat den Zugriff verweigert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the address book is no longer on the server</source>
        <translation>das Adressbuch ist nicht mehr auf dem Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a card changed on the server during the sync</source>
        <translation>eine Karte hat sich während der Synchronisierung auf dem Server geändert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>server error (HTTP %1)</source>
        <translation>Serverfehler (HTTP %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server refused a request (HTTP %1)</source>
        <translation>der Server hat eine Anfrage abgelehnt (HTTP %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server sent an answer that cannot be read</source>
        <translation>der Server hat eine unlesbare Antwort geschickt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no address book found on the server</source>
        <translation>kein Adressbuch auf dem Server gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server&apos;s certificate is not trusted</source>
        <translation>dem Zertifikat des Servers wird nicht vertraut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped: most cards were deleted on the server; sync from Settings → Accounts to confirm</source>
        <translation>angehalten: Die meisten Karten wurden auf dem Server gelöscht; zum Bestätigen unter Einstellungen → Konten synchronisieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>stopped: most synced contacts are gone here; sync from Settings → Accounts to confirm</source>
        <translation>angehalten: Die meisten synchronisierten Kontakte fehlen hier; zum Bestätigen unter Einstellungen → Konten synchronisieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no password stored; remove the account and add it again</source>
        <translation>kein Passwort gespeichert; Konto entfernen und neu hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>there is an account already</source>
        <translation>es gibt bereits ein Konto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>that address book is not on the server</source>
        <translation>dieses Adressbuch ist nicht auf dem Server</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the sync failed: %1</source>
        <translation>die Synchronisierung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Syncing…</source>
        <translation>Synchronisiere …</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Synced %1</source>
        <translation>Synchronisiert %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last synced %1 — %2, retrying</source>
        <translation>Zuletzt synchronisiert %1 – %2, neuer Versuch folgt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not synced — %2, retrying</source>
        <translation>Nicht synchronisiert – %2, neuer Versuch folgt</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <location line="+27"/>
        <source>Syncing… %1 of %2</source>
        <translation>Synchronisiere … %1 von %2</translation>
    </message>
</context>
<context>
    <name>TagEdit</name>
    <message>
        <location filename="../../ui/contacts/profile.py" line="-824"/>
        <source>Comma-separated, e.g. mentoring, berlin</source>
        <translation>Durch Kommas getrennt, z. B. mentoring, berlin</translation>
    </message>
</context>
<context>
    <name>TimelineLabels</name>
    <message>
        <location filename="../../ui/timeline/labels.py" line="+15"/>
        <source>Lunch</source>
        <translation>Mittagessen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coffee</source>
        <translation>Kaffee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After work</source>
        <translation>Feierabend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting</source>
        <translation>Besprechung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advice</source>
        <translation>Rat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Introduction</source>
        <translation>Vermittlung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recommendation</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Favour</source>
        <translation>Gefallen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gift</source>
        <translation>Geschenk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Gave</source>
        <translation>Gegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>Erhalten</translation>
    </message>
</context>
<context>
    <name>TimelineList</name>
    <message>
        <location filename="../../ui/timeline/timeline_list.py" line="+57"/>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Delete exchange</source>
        <translation>Austausch löschen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete interaction</source>
        <translation>Begegnung löschen</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Timeline entries</source>
        <translation>Einträge im Verlauf</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../ui/timeline/model.py" line="+299"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last week</source>
        <translation>Letzte Woche</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Gave %1</source>
        <translation>%1 gegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received %1</source>
        <translation>%1 erhalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gave %1 to %2</source>
        <translation>%1 an %2 gegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received %1 from %2</source>
        <translation>%1 von %2 erhalten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 with %2</source>
        <translation>%1 mit %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Outcome: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../ui/timeline/view.py" line="+44"/>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give &amp; take only</source>
        <translation>Nur Geben &amp; Nehmen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+291"/>
        <source>All tags</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <location line="-286"/>
        <source>Search summaries, notes, names</source>
        <translation>Zusammenfassungen, Notizen, Namen durchsuchen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear every filter</source>
        <translation>Alle Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing matches these filters.</source>
        <translation>Nichts passt zu diesen Filtern.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;With:</source>
        <translation>&amp;Mit:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>F&amp;rom:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>any date</source>
        <translation>beliebiges Datum</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Only the selected contact</source>
        <translation>Nur der ausgewählte Kontakt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only %1</source>
        <translation>Nur %1</translation>
    </message>
    <message>
        <location line="-213"/>
        <source>To date</source>
        <translation>Bis-Datum</translation>
    </message>
</context>
<context>
    <name>TradeRow</name>
    <message>
        <location filename="../../ui/timeline/log_dialog.py" line="-394"/>
        <source>e.g. advice on the budget round</source>
        <translation>z. B. Rat zur Budgetrunde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weight </source>
        <translation>Gewicht </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How much it counts: 1 a little, 3 a lot</source>
        <translation>Wie viel es zählt: 1 wenig, 3 viel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
</context>
<context>
    <name>TradeRows</name>
    <message>
        <location line="+41"/>
        <location line="+1"/>
        <source>Add another</source>
        <translation>Weitere hinzufügen</translation>
    </message>
</context>
<context>
    <name>TrayService</name>
    <message>
        <location filename="../../ui/tray.py" line="+200"/>
        <source>Allies keeps running</source>
        <translation>Allies läuft weiter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Allies stays in the system tray to remind you of your contacts. Choose Quit in its menu to leave.</source>
        <translation>Allies bleibt im Infobereich, um Sie an Ihre Kontakte zu erinnern. Wählen Sie dort im Menü „Beenden“, um das Programm zu schließen.</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Allies: no relationships due</source>
        <translation>Allies: keine Beziehungen fällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 relationship due</source>
        <translation>1 Beziehung fällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 relationships due</source>
        <translation>%1 Beziehungen fällig</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 more…</source>
        <translation>%1 weitere …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Log interaction…</source>
        <translation>Begegnung erfassen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+124"/>
        <source>Snooze all until tomorrow</source>
        <translation>Alle bis morgen zurückstellen</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Open Allies</source>
        <translation>Allies öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>1 contact needs attention</source>
        <translation>1 Kontakt braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 contacts need attention</source>
        <translation>%1 Kontakte brauchen Aufmerksamkeit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 and %2 more</source>
        <translation>%1 und %2 weitere</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Birthday today: turns %1</source>
        <translation>Heute Geburtstag: wird %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Birthday today</source>
        <translation>Heute Geburtstag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow-up: %1</source>
        <translation>Wiedervorlage: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time to get in touch: due today</source>
        <translation>Zeit, sich zu melden: heute fällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time to get in touch: 1 day overdue</source>
        <translation>Zeit, sich zu melden: 1 Tag überfällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time to get in touch: %1 days overdue</source>
        <translation>Zeit, sich zu melden: %1 Tage überfällig</translation>
    </message>
</context>
</TS>
