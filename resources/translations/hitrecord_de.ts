<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/account_page.py" line="+50"/>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add server…</source>
        <translation>Server &amp;hinzufügen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Use this server</source>
        <translation>Diesen Server &amp;verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use this server</source>
        <translation>Diesen Server verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sign in…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Servers you take part on:</source>
        <translation>Server, auf denen Sie mitmachen:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The local community runs on this computer and needs no sign-in. A new current server is used from the next start. Sign-ins are kept in your system&apos;s keyring, never in a file.</source>
        <translation>Die lokale Community läuft auf diesem Computer und braucht keine Anmeldung. Ein neuer aktueller Server wird ab dem nächsten Start verwendet. Anmeldungen werden im Schlüsselbund Ihres Systems aufbewahrt, nie in einer Datei.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Local community (on this computer)</source>
        <translation>Lokale Community (auf diesem Computer)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} — signed in as {1}</source>
        <translation>{0} — angemeldet als {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} (current)</source>
        <translation>{0} (aktuell)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Added {0} ({1}). Sign in to upload there.</source>
        <translation>{0} ({1}) hinzugefügt. Melden Sie sich an, um dort hochzuladen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This server is used from the next start.</source>
        <translation>Dieser Server wird ab dem nächsten Start verwendet.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Signed in to {0} as {1}.</source>
        <translation>Bei {0} als {1} angemeldet.</translation>
    </message>
</context>
<context>
    <name>AddServerDialog</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/account_dialogs.py" line="+140"/>
        <location line="+1"/>
        <source>Add a server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Check and &amp;add</source>
        <translation>Prüfen und &amp;hinzufügen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Asking {0}…</source>
        <translation>Frage {0} an …</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The server could not be checked: {0}</source>
        <translation>Der Server konnte nicht geprüft werden: {0}</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/settings_pages.py" line="+228"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A new language is used from the next start.</source>
        <translation>Eine neue Sprache wird ab dem nächsten Start verwendet.</translation>
    </message>
</context>
<context>
    <name>AudioBridge</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/audio_bridge.py" line="+155"/>
        <source>Cannot play the project&apos;s audio: %s</source>
        <translation>Das Audio des Projekts kann nicht abgespielt werden: %s</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>No audio device is available: choose one first.</source>
        <translation>Kein Audiogerät verfügbar: Wählen Sie zuerst eines aus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The project runs at %d Hz but the device at %d Hz.</source>
        <translation>Das Projekt läuft mit %d Hz, das Gerät aber mit %d Hz.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot start the audio device: %s</source>
        <translation>Das Audiogerät kann nicht gestartet werden: %s</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The audio device did not stop cleanly: %s</source>
        <translation>Das Audiogerät wurde nicht sauber angehalten: %s</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Arm a track to record on first.</source>
        <translation>Schalten Sie zuerst eine Spur aufnahmebereit.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>The camera or the sound failed during the take (%s); what was recorded is kept.</source>
        <translation>Kamera oder Ton sind während der Aufnahme ausgefallen (%s); das Aufgenommene bleibt erhalten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%d camera frames were dropped: the computer could not keep up.</source>
        <translation>%d Kamerabilder gingen verloren: der Computer kam nicht hinterher.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The audio device failed during the take (%s); what was recorded is kept.</source>
        <translation>Das Audiogerät ist während des Takes ausgefallen (%s); das bisher Aufgenommene bleibt erhalten.</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+15"/>
        <source>The take was recorded to %s but could not be added to the project.</source>
        <translation>Der Take wurde in %s aufgenommen, konnte aber nicht zum Projekt hinzugefügt werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The take could not be finished: %s</source>
        <translation>Der Take konnte nicht abgeschlossen werden: %s</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Playback stopped: %s</source>
        <translation>Wiedergabe angehalten: %s</translation>
    </message>
</context>
<context>
    <name>AudioDevices</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/audio_devices.py" line="+177"/>
        <source>Cannot show the input level: %s</source>
        <translation>Der Eingangspegel kann nicht angezeigt werden: %s</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The audio device cannot be used: %s</source>
        <translation>Das Audiogerät kann nicht verwendet werden: %s</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stop the transport before calibrating.</source>
        <translation>Stoppen Sie die Wiedergabe, bevor Sie kalibrieren.</translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/settings_pages.py" line="-205"/>
        <source>Input device</source>
        <translation>Eingabegerät</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output device</source>
        <translation>Ausgabegerät</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample rate</source>
        <translation>Abtastrate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} Hz</source>
        <translation>{0} Hz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Buffer size</source>
        <translation>Puffergröße</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} samples</source>
        <translation>{0} Samples</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for audio devices…</source>
        <translation>Suche Audiogeräte …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Input:</source>
        <translation>&amp;Eingang:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Output:</source>
        <translation>&amp;Ausgang:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample &amp;rate:</source>
        <translation>Abtast&amp;rate:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Buffer size:</source>
        <translation>&amp;Puffergröße:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A smaller buffer answers faster while you record but needs a quicker computer; 256 samples suits most.</source>
        <translation>Ein kleinerer Puffer reagiert beim Aufnehmen schneller, braucht aber einen schnelleren Computer; 256 Samples passen für die meisten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n device(s) found.</source>
        <translation>
            <numerusform>%n Gerät gefunden.</numerusform>
            <numerusform>%n Geräte gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No audio devices could be listed: {0}</source>
        <translation>Es konnten keine Audiogeräte aufgelistet werden: {0}</translation>
    </message>
</context>
<context>
    <name>CameraMicrophone</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/camera_microphone.py" line="+68"/>
        <source>The camera&apos;s microphone cannot record 48 kHz sound.</source>
        <translation>Das Mikrofon der Kamera kann nicht mit 48 kHz aufnehmen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The camera&apos;s microphone stopped: %s</source>
        <translation>Das Mikrofon der Kamera wurde beendet: %s</translation>
    </message>
</context>
<context>
    <name>ChallengeBrowser</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/challenge_browser.py" line="+67"/>
        <source>Challenge browser</source>
        <translation>Challenge-Browser</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Challenges</source>
        <translation>Challenges</translation>
    </message>
    <message>
        <location line="+268"/>
        <source>Cannot preview: {0}</source>
        <translation>Vorschau nicht möglich: {0}</translation>
    </message>
</context>
<context>
    <name>ChallengeDetail</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/challenge_detail.py" line="+31"/>
        <source>Challenge details</source>
        <translation>Details der Challenge</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Brief</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the challenge&apos;s project</source>
        <translation>Das Projekt der Challenge öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the project for this challenge (Enter)</source>
        <translation>Das Projekt zu dieser Challenge öffnen (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Choose a challenge to read its brief.</source>
        <translation>Wählen Sie eine Challenge, um ihr Briefing zu lesen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no deadline</source>
        <translation>keine Frist</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>closed</source>
        <translation>beendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wanted: {0} · {1} · Deadline: {2} · {3} · Posted by {4}</source>
        <translation>Gesucht: {0} · {1} · Frist: {2} · {3} · Eingestellt von {4}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The contributions could not be loaded: {0}</source>
        <translation>Die Beiträge konnten nicht geladen werden: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading contributions…</source>
        <translation>Beiträge werden geladen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No contributions yet.</source>
        <translation>Noch keine Beiträge.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contributions ({0})</source>
        <translation>Beiträge ({0})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reference media: none</source>
        <translation>Referenzmedium: keines</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reference media: {0}</source>
        <translation>Referenzmedium: {0}</translation>
    </message>
</context>
<context>
    <name>ChallengeFilters</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/challenge_filters.py" line="+30"/>
        <source>Search challenges (Ctrl+F)</source>
        <translation>Challenges suchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search challenges</source>
        <translation>Challenges suchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wanted role</source>
        <translation>Gesuchte Rolle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any role</source>
        <translation>Jede Rolle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio and video</source>
        <translation>Audio und Video</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open or closed</source>
        <translation>Offen oder beendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newest</source>
        <translation>Neueste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Most contributed</source>
        <translation>Meiste Beiträge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline soonest</source>
        <translation>Nächste Frist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest</source>
        <translation>Älteste</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of challenges</source>
        <translation>Anzahl der Challenges</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading challenges</source>
        <translation>Challenges werden geladen</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{0}+ challenges</source>
        <translation>{0}+ Challenges</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 challenge</source>
        <translation>1 Challenge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} challenges</source>
        <translation>{0} Challenges</translation>
    </message>
</context>
<context>
    <name>ChallengeListModel</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/challenge_list_model.py" line="+48"/>
        <source>Challenge</source>
        <translation>Challenge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wanted</source>
        <translation>Gesucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contributions</source>
        <translation>Beiträge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted by</source>
        <translation>Eingestellt von</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>ContributionList</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/contribution_list.py" line="+123"/>
        <source>Contributions</source>
        <translation>Beiträge</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>built on: {0}</source>
        <translation>baut auf: {0}</translation>
    </message>
</context>
<context>
    <name>ContributionRow</name>
    <message>
        <location line="-98"/>
        <source>Add to project</source>
        <translation>Zum Projekt hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to the challenge&apos;s project (Ctrl+Shift+A)</source>
        <translation>Zum Projekt der Challenge hinzufügen (Strg+Umschalt+A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add {0} to the project</source>
        <translation>{0} zum Projekt hinzufügen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Stop {0}</source>
        <translation>{0} stoppen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play {0}</source>
        <translation>{0} abspielen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop (Space)</source>
        <translation>Stopp (Leertaste)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Preview (Space)</source>
        <translation>Vorhören (Leertaste)</translation>
    </message>
</context>
<context>
    <name>FileImporter</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/file_import.py" line="+56"/>
        <source>Could not import: {0}</source>
        <translation>Import fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import files</source>
        <translation>Dateien importieren</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/level_meter.py" line="+69"/>
        <source>Level meter</source>
        <translation>Pegelanzeige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input level. Click to clear the clip lights.</source>
        <translation>Eingangspegel. Klicken Sie, um die Übersteuerungsanzeigen zurückzusetzen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>R</source>
        <translation>R</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/main_window.py" line="+78"/>
        <source>HitRecord Desktop</source>
        <translation>HitRecord Desktop</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+2"/>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploads start once connected.</source>
        <translation>Uploads starten, sobald eine Verbindung besteht.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Challenges and projects</source>
        <translation>Challenges und Projekte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Challenges</source>
        <translation>Challenges</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open tabs</source>
        <translation>Geöffnete Tabs</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Cannot open the project: {0}</source>
        <translation>Das Projekt kann nicht geöffnet werden: {0}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot open {0}: {1}</source>
        <translation>{0} kann nicht geöffnet werden: {1}</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Not connected: cannot download the contribution.</source>
        <translation>Nicht verbunden: Der Beitrag kann nicht heruntergeladen werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adding “{0}” to the project…</source>
        <translation>„{0}“ wird zum Projekt hinzugefügt …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adding {0}: {1} %</source>
        <translation>{0} wird hinzugefügt: {1} %</translation>
    </message>
    <message>
        <location line="-236"/>
        <source>Starting the local community…</source>
        <translation>Die lokale Community startet …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>signed in as {0}</source>
        <translation>angemeldet als {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot connect</source>
        <translation>Keine Verbindung möglich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not load challenges: {0}</source>
        <translation>Challenges konnten nicht geladen werden: {0}</translation>
    </message>
</context>
<context>
    <name>MediaImport</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/media_import.py" line="+64"/>
        <source>The media cache is not open; cannot download.</source>
        <translation>Der Mediencache ist nicht geöffnet; Herunterladen nicht möglich.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Cannot add {0}: {1}</source>
        <translation>{0} kann nicht hinzugefügt werden: {1}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add &apos;{0}&apos;</source>
        <translation>„{0}“ hinzufügen</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/offline_banner.py" line="+18"/>
        <source>Offline notice</source>
        <translation>Offline-Hinweis</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try to reach the server again</source>
        <translation>Erneut versuchen, den Server zu erreichen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Offline — showing saved challenges</source>
        <translation>Offline — gespeicherte Challenges werden angezeigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline — showing challenges saved at {0}</source>
        <translation>Offline — Challenges vom {0} werden angezeigt</translation>
    </message>
</context>
<context>
    <name>ProjectPrefetch</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/project_prefetch.py" line="+74"/>
        <source>Contribution {0} could not be downloaded: {1}</source>
        <translation>Beitrag {0} konnte nicht heruntergeladen werden: {1}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Downloading {0} contribution(s): {1} of {2}</source>
        <translation>{0} Beitrag/Beiträge werden heruntergeladen: {1} von {2}</translation>
    </message>
</context>
<context>
    <name>RecorderPanel</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/recorder_panel.py" line="+50"/>
        <source>Input %d (mono)</source>
        <translation>Eingang %d (mono)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inputs %d+%d (stereo)</source>
        <translation>Eingänge %d+%d (stereo)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Recorder</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dropout warning</source>
        <translation>Warnung vor Aussetzern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Audio problem</source>
        <translation>Audioproblem</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Input</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input device</source>
        <translation>Eingabegerät</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audio interface or microphone to record from</source>
        <translation>Das Audio-Interface oder Mikrofon, von dem aufgenommen wird</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Input channels</source>
        <translation>Eingangskanäle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hannels:</source>
        <translation>&amp;Kanäle:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show input &amp;level</source>
        <translation>Eingangs&amp;pegel anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show input level</source>
        <translation>Eingangspegel anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Meter the input while stopped, to set your gain</source>
        <translation>Den Eingang auch im Stillstand messen, um den Gain einzustellen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Monitor input</source>
        <translation>Eingang &amp;mithören</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Monitor input</source>
        <translation>Eingang mithören</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hear yourself through the app while playing and recording (use headphones)</source>
        <translation>Sich bei Wiedergabe und Aufnahme über die App selbst hören (Kopfhörer verwenden)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Input level</source>
        <translation>Eingangspegel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level:</source>
        <translation>Pegel:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+143"/>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <location line="-141"/>
        <source>Latency status</source>
        <translation>Latenzstatus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Calibrate…</source>
        <translation>Kali&amp;brieren …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calibrate latency</source>
        <translation>Latenz kalibrieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Play a test signal and measure how late it comes back (about 6 s)</source>
        <translation>Ein Testsignal abspielen und messen, wie verzögert es zurückkommt (etwa 6 s)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Calibrating</source>
        <translation>Kalibrierung läuft</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+3"/>
        <source>Takes</source>
        <translation>Takes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click a take to make it the one that plays</source>
        <translation>Klicken Sie auf einen Take, damit er abgespielt wird</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take</source>
        <translation>Take</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded</source>
        <translation>Aufgenommen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropouts</source>
        <translation>Aussetzer</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Delete Take</source>
        <translation>Take &amp;löschen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete take</source>
        <translation>Take löschen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove the selected take from the track (Del)</source>
        <translation>Den ausgewählten Take von der Spur entfernen (Entf)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot list audio devices: %s</source>
        <translation>Audiogeräte können nicht aufgelistet werden: %s</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Not calibrated for these devices. Calibrate once so takes land on the beat.</source>
        <translation>Für diese Geräte nicht kalibriert. Kalibrieren Sie einmal, damit Takes genau auf dem Beat liegen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calibrated: %.1f ms round trip (%d samples); takes are moved back by it.</source>
        <translation>Kalibriert: %.1f ms Roundtrip (%d Samples); Takes werden um diesen Wert vorgezogen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Calibrating: playing a test signal…</source>
        <translation>Kalibrierung: Testsignal wird abgespielt …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Calibration failed: %s</source>
        <translation>Kalibrierung fehlgeschlagen: %s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>⚠ %(name)s has %(count)d dropout(s), the first at %(at)s: the computer could not keep up and the take has gaps. Close other programs or choose a larger buffer size, then record it again.</source>
        <translation>⚠ %(name)s hat %(count)d Aussetzer, den ersten bei %(at)s: Der Computer kam nicht hinterher, und der Take hat Lücken. Schließen Sie andere Programme oder wählen Sie eine größere Puffergröße, und nehmen Sie ihn dann erneut auf.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Takes (arm a track to record)</source>
        <translation>Takes (Spur aufnahmebereit schalten)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Takes on “%s”</source>
        <translation>Takes auf „%s“</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%s (uploaded)</source>
        <translation>%s (hochgeladen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On the platform as contribution %d</source>
        <translation>Auf der Plattform als Beitrag %d</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Playing</source>
        <translation>Wird abgespielt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to play this take</source>
        <translation>Klicken, um diesen Take abzuspielen</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/recovery_dialog.py" line="+52"/>
        <source>Recover your work</source>
        <translation>Ihre Arbeit wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recover your work after a crash</source>
        <translation>Ihre Arbeit nach einem Absturz wiederherstellen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HitRecord Desktop stopped unexpectedly. This is what could be saved; choose what to do with each.</source>
        <translation>HitRecord Desktop wurde unerwartet beendet. Folgendes konnte gerettet werden; wählen Sie für jedes, was geschehen soll.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not be rescued:</source>
        <translation>Konnte nicht gerettet werden:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep for later</source>
        <translation>Für später behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Takes recorded when the app stopped</source>
        <translation>Takes, die beim Beenden der App aufgenommen wurden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{0}”, track {1}</source>
        <translation>„{0}“, Spur {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} s long, starting at {1} in {2}. {3}</source>
        <translation>{0} s lang, beginnt bei {1} in {2}. {3}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Projects with autosaved changes</source>
        <translation>Projekte mit automatisch gespeicherten Änderungen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last autosaved {0}.</source>
        <translation>Zuletzt automatisch gespeichert: {0}.</translation>
    </message>
</context>
<context>
    <name>RenderTask</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/render_task.py" line="+112"/>
        <source>The render was cancelled; no file was written.</source>
        <translation>Das Rendern wurde abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The render failed: {0}</source>
        <translation>Das Rendern ist fehlgeschlagen: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/settings_dialog.py" line="+50"/>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Settings pages</source>
        <translation>Einstellungsseiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/account_dialogs.py" line="-147"/>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in to {0}.</source>
        <translation>Bei {0} anmelden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in message</source>
        <translation>Anmeldemeldung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Type your username and password.</source>
        <translation>Geben Sie Benutzername und Passwort ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signing in…</source>
        <translation>Anmeldung läuft …</translation>
    </message>
</context>
<context>
    <name>SignInPrompter</name>
    <message>
        <location line="+129"/>
        <source>Uploads to this server wait until you sign in again.</source>
        <translation>Uploads auf diesen Server warten, bis Sie sich erneut anmelden.</translation>
    </message>
</context>
<context>
    <name>StoragePage</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/settings_pages.py" line="+42"/>
        <source>Media cache limit in MiB</source>
        <translation>Grenze des Mediencaches in MiB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Measuring the cache…</source>
        <translation>Cache wird gemessen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Empty the cache now</source>
        <translation>Cache jetzt &amp;leeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty the media cache</source>
        <translation>Den Mediencache leeren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep at most:</source>
        <translation>Höchstens behalten:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Contributions you listen to are kept on disk for offline use; the least recently used go first when the cache is full.</source>
        <translation>Beiträge, die Sie anhören, werden für die Offline-Nutzung auf der Festplatte behalten; ist der Cache voll, werden die am längsten nicht genutzten zuerst entfernt.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Emptying the cache…</source>
        <translation>Cache wird geleert …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>In use now: {0} in {1} file(s).</source>
        <translation>Derzeit belegt: {0} in {1} Datei(en).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The cache could not be measured: {0}</source>
        <translation>Der Cache konnte nicht gemessen werden: {0}</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/clip_item.py" line="+92"/>
        <source>active take</source>
        <translation>aktiver Take</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unused take</source>
        <translation>ungenutzter Take</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} by {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/recording_item.py" line="+92"/>
        <source>Recording…</source>
        <translation>Aufnahme…</translation>
    </message>
</context>
<context>
    <name>TimelineRuler</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/ruler.py" line="+41"/>
        <source>Ruler</source>
        <translation>Lineal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to move the playhead. Drag the loop and punch ranges to change them.</source>
        <translation>Klicken Sie, um den Abspielkopf zu versetzen. Ziehen Sie Loop- und Punch-Bereiche, um sie zu ändern.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Loop</source>
        <translation>Loop</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Punch</source>
        <translation>Punch</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/view.py" line="+66"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline clips</source>
        <translation>Clips der Zeitleiste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clips of every track. Arrow keys nudge the selected clip, Tab moves between clips.</source>
        <translation>Clips aller Spuren. Die Pfeiltasten verschieben den ausgewählten Clip schrittweise, Tab wechselt zwischen den Clips.</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/widget.py" line="+84"/>
        <source>Tracks</source>
        <translation>Spuren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Project timeline</source>
        <translation>Projekt-Zeitleiste</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Split at playhead</source>
        <translation>Am Abspielkopf teilen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete clip</source>
        <translation>Clip löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom to fit</source>
        <translation>Alles einpassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Snap to beats and clips</source>
        <translation>An Beats und Clips einrasten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ruler in minutes and seconds</source>
        <translation>Lineal in Minuten und Sekunden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow playhead</source>
        <translation>Abspielkopf folgen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add track</source>
        <translation>Spur hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add video track</source>
        <translation>Videospur hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loop selected clips</source>
        <translation>Loop über ausgewählte Clips</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Punch in on selected clips</source>
        <translation>Punch-in über ausgewählte Clips</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>+ Track</source>
        <translation>+ Spur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snap</source>
        <translation>Raster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Split clips</source>
        <translation>Clips teilen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete clips</source>
        <translation>Clips löschen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Audio {0}</source>
        <translation>Audio {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Video {0}</source>
        <translation>Video {0}</translation>
    </message>
</context>
<context>
    <name>TrackHeader</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/track_header.py" line="+70"/>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Solo</source>
        <translation>Solo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record arm</source>
        <translation>Aufnahmebereitschaft</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Name of track {0}</source>
        <translation>Name der Spur {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mute {0}</source>
        <translation>{0} stummschalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solo {0}</source>
        <translation>{0} solo schalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record-arm {0}</source>
        <translation>{0} aufnahmebereit schalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove track {0}</source>
        <translation>Spur {0} entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove track</source>
        <translation>Spur entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gain of {0}</source>
        <translation>Gain von {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gain: {0:+.1f} dB</source>
        <translation>Gain: {0:+.1f} dB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan of {0}</source>
        <translation>Panorama von {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan: {0:+.0f}</source>
        <translation>Panorama: {0:+.0f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Track {0}</source>
        <translation>Spur {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0:+.1f} dB</source>
        <translation>{0:+.1f} dB</translation>
    </message>
</context>
<context>
    <name>TrackHeaders</name>
    <message>
        <location line="+45"/>
        <source>Track headers</source>
        <translation>Spurköpfe</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/transport_bar.py" line="+40"/>
        <location line="+2"/>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Return to Start</source>
        <translation>Zum Anfang</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+169"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <location line="-163"/>
        <location line="+161"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Record</source>
        <translation>Aufnehmen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loop</source>
        <translation>Loop</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click</source>
        <translation>Klick</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Count-in</source>
        <translation>Vorzähler</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> BPM</source>
        <translation> BPM</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tempo</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tempo in beats per minute</source>
        <translation>Tempo in Schlägen pro Minute</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tempo</source>
        <translation>&amp;Tempo</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+20"/>
        <source>%s (%s)</source>
        <translation>%s (%s)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time position</source>
        <translation>Zeitposition</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bar.Beat</source>
        <translation>Takt.Schlag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bar and beat position</source>
        <translation>Position in Takten und Schlägen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Transport state</source>
        <translation>Transportstatus</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting…</source>
        <translation>Startet …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playing</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>● Recording</source>
        <translation>● Aufnahme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saving take…</source>
        <translation>Take wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>UploadCredits</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/upload_credits.py" line="+46"/>
        <source>Credits of the selected upload</source>
        <translation>Credits des ausgewählten Uploads</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built on</source>
        <translation>Baut auf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>At</source>
        <translation>Bei</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Select an upload to see whom it credits.</source>
        <translation>Wählen Sie einen Upload, um zu sehen, wen er nennt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{0}” is built on no other contribution: it is all yours.</source>
        <translation>„{0}“ baut auf keinem anderen Beitrag auf: Er gehört ganz Ihnen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{0}” credits {1} contribution(s) when it is sent:</source>
        <translation>„{0}“ nennt beim Senden {1} Beitrag/Beiträge:</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Contribution #{0}</source>
        <translation>Beitrag #{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>…</source>
        <translation>…</translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/upload_dialog.py" line="+65"/>
        <location line="+1"/>
        <source>Upload to the community</source>
        <translation>In die Community hochladen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Credits sent with this upload</source>
        <translation>Mit diesem Upload gesendete Credits</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nobody else: this is all your own work.</source>
        <translation>Niemand sonst: Das ist ganz Ihre eigene Arbeit.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preparing the upload</source>
        <translation>Upload wird vorbereitet</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sending:</source>
        <translation>Wird gesendet:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Upload</source>
        <translation>&amp;Hochladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Credits — these people are credited and share in what the work earns:</source>
        <translation>&amp;Credits — diese Personen werden genannt und am Ertrag des Werks beteiligt:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Give the upload a title.</source>
        <translation>Geben Sie dem Upload einen Titel.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checking the file ({0})…</source>
        <translation>Datei wird geprüft ({0}) …</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot queue the upload: {0}</source>
        <translation>Der Upload kann nicht eingereiht werden: {0}</translation>
    </message>
</context>
<context>
    <name>UploadStatus</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/upload_status.py" line="+26"/>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upload progress</source>
        <translation>Upload-Fortschritt</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Uploads wait: sign in again</source>
        <translation>Uploads warten: bitte erneut anmelden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Uploads wait for the network</source>
        <translation>Uploads warten auf das Netzwerk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: {1} of {2}, {3}/s</source>
        <translation>{0}: {1} von {2}, {3}/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} uploading</source>
        <translation>{0} wird/werden hochgeladen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, {0} left</source>
        <translation>, noch {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} upload(s) queued</source>
        <translation>{0} Upload(s) in der Warteschlange</translation>
    </message>
</context>
<context>
    <name>UploadTableModel</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/upload_model.py" line="+61"/>
        <source>Upload</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}/s</source>
        <translation>{0}/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Local community</source>
        <translation>Lokale Community</translation>
    </message>
</context>
<context>
    <name>UploadWords</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/upload_words.py" line="+17"/>
        <source>Waiting its turn</source>
        <translation>Wartet, bis er an der Reihe ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for network</source>
        <translation>Wartet auf das Netzwerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to sign in</source>
        <translation>Wartet auf Anmeldung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrying later</source>
        <translation>Wird später erneut versucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploading</source>
        <translation>Wird hochgeladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifying</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} queued</source>
        <translation>{0} in der Warteschlange</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} waiting for network</source>
        <translation>{0} wartet/warten auf das Netzwerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} waiting to sign in</source>
        <translation>{0} wartet/warten auf Anmeldung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} retrying later</source>
        <translation>{0} später erneut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} uploading</source>
        <translation>{0} wird/werden hochgeladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} verifying</source>
        <translation>{0} wird/werden geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} paused</source>
        <translation>{0} pausiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} failed</source>
        <translation>{0} fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} done</source>
        <translation>{0} fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} cancelled</source>
        <translation>{0} abgebrochen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Failed: {0}</source>
        <translation>Fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retrying later: {0}</source>
        <translation>Später erneut: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} h</source>
        <translation>{0} h</translation>
    </message>
</context>
<context>
    <name>UploadsPanel</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/uploads_panel.py" line="+57"/>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Upload queue</source>
        <translation>Upload-Warteschlange</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause the selected upload</source>
        <translation>Den ausgewählten Upload pausieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume the selected upload</source>
        <translation>Den ausgewählten Upload fortsetzen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Re&amp;try</source>
        <translation>Erneut &amp;versuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try the failed upload again</source>
        <translation>Den fehlgeschlagenen Upload erneut versuchen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Cancel upload</source>
        <translation>Upload a&amp;bbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the selected upload for good</source>
        <translation>Den ausgewählten Upload endgültig abbrechen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pause &amp;all</source>
        <translation>&amp;Alle pausieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause every upload</source>
        <translation>Alle Uploads pausieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resume a&amp;ll</source>
        <translation>A&amp;lle fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume every paused upload</source>
        <translation>Alle pausierten Uploads fortsetzen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>C&amp;lear finished</source>
        <translation>Erledigte &amp;entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove done and cancelled uploads from the list</source>
        <translation>Fertige und abgebrochene Uploads aus der Liste entfernen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Sign in…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in so the waiting upload can go on</source>
        <translation>Anmelden, damit der wartende Upload weiterläuft</translation>
    </message>
    <message numerus="yes">
        <location line="+80"/>
        <source>%n upload(s) in the queue.</source>
        <translation>
            <numerusform>%n Upload in der Warteschlange.</numerusform>
            <numerusform>%n Uploads in der Warteschlange.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} — {1}
to {2}, role: {3}</source>
        <translation>{0} — {1}
Ziel: {2}, Rolle: {3}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local community</source>
        <translation>Lokale Community</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Upload actions</source>
        <translation>Upload-Aktionen</translation>
    </message>
</context>
<context>
    <name>VideoBridge</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/video_bridge.py" line="+93"/>
        <source>Opening the video…</source>
        <translation>Video wird geöffnet …</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No video at the playhead</source>
        <translation>Kein Video an der Abspielposition</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot show the video: {0}</source>
        <translation>Das Video kann nicht angezeigt werden: {0}</translation>
    </message>
</context>
<context>
    <name>VideoPreview</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/video_preview.py" line="+48"/>
        <source>Opening the video…</source>
        <translation>Video wird geöffnet …</translation>
    </message>
</context>
<context>
    <name>VideoView</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/video_view.py" line="+28"/>
        <source>Video preview</source>
        <translation>Videovorschau</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No video at the playhead</source>
        <translation>Kein Video an der Abspielposition</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Waiting for the video…</source>
        <translation>Warten auf das Video …</translation>
    </message>
</context>
<context>
    <name>WaveformLoader</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/waveform_loader.py" line="+95"/>
        <source>not downloaded yet (offline)</source>
        <translation>noch nicht heruntergeladen (offline)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>video without sound</source>
        <translation>Video ohne Ton</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the audio cannot be read</source>
        <translation>Audio kann nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no waveform</source>
        <translation>keine Wellenform</translation>
    </message>
</context>
<context>
    <name>WaveformView</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/waveform_view.py" line="+21"/>
        <source>Waveform</source>
        <translation>Wellenform</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waveform…</source>
        <translation>Wellenform …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Waveform of {0:.0f} s</source>
        <translation>Wellenform von {0:.0f} s</translation>
    </message>
</context>
<context>
    <name>WebcamPanel</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/webcam_panel.py" line="+50"/>
        <location line="+20"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Camera recording</source>
        <translation>Kameraaufnahme</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Camera status</source>
        <translation>Kamerastatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Look for cameras again</source>
        <translation>Erneut nach Kameras &amp;suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look for cameras again</source>
        <translation>Erneut nach Kameras suchen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Picture size and frame rate</source>
        <translation>Bildgröße und Bildrate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Camera preview</source>
        <translation>Kameravorschau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record &amp;video with the take</source>
        <translation>&amp;Video mit der Aufnahme aufzeichnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record video with the take</source>
        <translation>Video mit der Aufnahme aufzeichnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sound of the camera take</source>
        <translation>Ton der Kameraaufnahme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio input (in time with the project)</source>
        <translation>Audioeingang (im Takt mit dem Projekt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera microphone</source>
        <translation>Kameramikrofon</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Camera delay in milliseconds</source>
        <translation>Kameraverzögerung in Millisekunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How late the camera&apos;s pictures arrive. Raise it if you look late in takes.</source>
        <translation>Wie spät die Bilder der Kamera ankommen. Erhöhen, wenn Sie in Aufnahmen zu spät wirken.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>C&amp;amera:</source>
        <translation>K&amp;amera:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Size:</source>
        <translation>&amp;Größe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ound:</source>
        <translation>T&amp;on:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delay:</source>
        <translation>&amp;Verzögerung:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Record Video with Take</source>
        <translation>Video mit Aufnahme aufzeichnen</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Arm a video track for the camera take first (Ctrl+Alt+N adds one).</source>
        <translation>Schalten Sie zuerst eine Videospur für die Kameraaufnahme scharf (Strg+Alt+N fügt eine hinzu).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The camera is not running: choose it again.</source>
        <translation>Die Kamera läuft nicht: wählen Sie sie erneut.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>HitRecord Desktop is not allowed to use the camera. To allow it, open System Settings &gt; Privacy &amp; Security &gt; Camera, turn on HitRecord Desktop, then restart the app.</source>
        <translation>HitRecord Desktop darf die Kamera nicht verwenden. Zum Erlauben öffnen Sie Systemeinstellungen &gt; Datenschutz &amp; Sicherheit &gt; Kamera, schalten HitRecord Desktop ein und starten die App neu.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No camera found. Connect a camera (or open the laptop&apos;s lid), then press “Look for cameras again”. Takes record sound only until then.</source>
        <translation>Keine Kamera gefunden. Schließen Sie eine Kamera an (oder öffnen Sie den Laptopdeckel) und drücken Sie dann „Erneut nach Kameras suchen“. Bis dahin nehmen Aufnahmen nur Ton auf.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No picture</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The camera failed: {0}</source>
        <translation>Die Kamera ist ausgefallen: {0}</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/window_menus.py" line="+44"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Project of Selected Challenge</source>
        <translation>Projekt der ausgewählten Challenge &amp;öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import Media into Project…</source>
        <translation>Medien ins Projekt &amp;importieren …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Close Project</source>
        <translation>Projekt s&amp;chließen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Challenges</source>
        <translation>&amp;Challenges</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Find Challenges</source>
        <translation>Challenges &amp;suchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Uploads Panel</source>
        <translation>&amp;Upload-Bereich</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Transport</source>
        <translation>&amp;Transport</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Uploads</source>
        <translation>&amp;Uploads</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About HitRecord Desktop</source>
        <translation>&amp;Über HitRecord Desktop</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Select a challenge first.</source>
        <translation>Wählen Sie zuerst eine Challenge aus.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Import media into the project</source>
        <translation>Medien ins Projekt importieren</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>About HitRecord Desktop</source>
        <translation>Über HitRecord Desktop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HitRecord Desktop {0}
Finish work together: every piece credited.</source>
        <translation>HitRecord Desktop {0}
Gemeinsam Werke vollenden: Jeder Beitrag wird genannt.</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/workspace.py" line="+80"/>
        <source>Project: {0}</source>
        <translation>Projekt: {0}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Recorder panel</source>
        <translation>Aufnahmebereich</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>&amp;Save Project</source>
        <translation>Projekt &amp;speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Upload Take…</source>
        <translation>Take &amp;hochladen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Render and Upload &amp;Mix…</source>
        <translation>&amp;Mix rendern und hochladen …</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+29"/>
        <source>Saving failed: {0}</source>
        <translation>Speichern fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>{0} recorded ({1:.1f} s).</source>
        <translation>{0} aufgenommen ({1:.1f} s).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It has {0} dropout(s): listen before you use it.</source>
        <translation>Er hat {0} Aussetzer: Hören Sie ihn an, bevor Sie ihn verwenden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Project saved.</source>
        <translation>Projekt gespeichert.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Uploads start once the server is connected.</source>
        <translation>Uploads starten, sobald der Server verbunden ist.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Record a take first, then choose it to upload.</source>
        <translation>Nehmen Sie zuerst einen Take auf und wählen Sie ihn dann zum Hochladen aus.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0}, {1:.1f} s</source>
        <translation>{0}, {1:.1f} s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The project is empty: nothing to render.</source>
        <translation>Das Projekt ist leer: Es gibt nichts zu rendern.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rendering the mix…</source>
        <translation>Mix wird gerendert …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rendering the video…</source>
        <translation>Video wird gerendert …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rendering the mix</source>
        <translation>Mix wird gerendert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rendering the video</source>
        <translation>Video wird gerendert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Render</source>
        <translation>Rendern</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Video rendered: {0:.1f} s, {1:.1f} LUFS.</source>
        <translation>Video gerendert: {0:.1f} s, {1:.1f} LUFS.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mix rendered: {0:.1f} s, {1:.1f} LUFS.</source>
        <translation>Mix gerendert: {0:.1f} s, {1:.1f} LUFS.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Video of the project, {0:.1f} s</source>
        <translation>Video des Projekts, {0:.1f} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mix of the project, {0:.1f} s</source>
        <translation>Mix des Projekts, {0:.1f} s</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Queued for upload: {0}</source>
        <translation>Zum Hochladen eingereiht: {0}</translation>
    </message>
</context>
</TS>
