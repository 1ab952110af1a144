<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
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
        <translation>&amp;Aggiungi server…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add server</source>
        <translation>Aggiungi server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Use this server</source>
        <translation>&amp;Usa questo server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use this server</source>
        <translation>Usa questo server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sign in…</source>
        <translation>&amp;Accedi…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>Accedi</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Servers you take part on:</source>
        <translation>Server a cui partecipi:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The local community runs on this computer and needs no sign-in. A new current server is used from the next start. Sign-ins are kept in your system&apos;s keyring, never in a file.</source>
        <translation>La comunità locale gira su questo computer e non richiede l&apos;accesso. Un nuovo server corrente viene usato dal prossimo avvio. Gli accessi sono conservati nel portachiavi del sistema, mai in un file.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Local community (on this computer)</source>
        <translation>Comunità locale (su questo computer)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} — signed in as {1}</source>
        <translation>{0} — accesso come {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} (current)</source>
        <translation>{0} (corrente)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Added {0} ({1}). Sign in to upload there.</source>
        <translation>{0} ({1}) aggiunto. Accedi per caricare lì.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This server is used from the next start.</source>
        <translation>Questo server verrà usato dal prossimo avvio.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Signed in to {0} as {1}.</source>
        <translation>Accesso a {0} come {1} eseguito.</translation>
    </message>
</context>
<context>
    <name>AddServerDialog</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/account_dialogs.py" line="+140"/>
        <location line="+1"/>
        <source>Add a server</source>
        <translation>Aggiungi un server</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server address</source>
        <translation>Indirizzo del server</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Server &amp;address:</source>
        <translation>&amp;Indirizzo del server:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Check and &amp;add</source>
        <translation>Verifica e &amp;aggiungi</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Asking {0}…</source>
        <translation>Interrogo {0}…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The server could not be checked: {0}</source>
        <translation>Non è stato possibile verificare il server: {0}</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/settings_pages.py" line="+228"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the system</source>
        <translation>Come il sistema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Scuro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Chiaro</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System language</source>
        <translation>Lingua di sistema</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A new language is used from the next start.</source>
        <translation>Una nuova lingua viene usata dal prossimo avvio.</translation>
    </message>
</context>
<context>
    <name>AudioBridge</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/audio_bridge.py" line="+155"/>
        <source>Cannot play the project&apos;s audio: %s</source>
        <translation>Impossibile riprodurre l&apos;audio del progetto: %s</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>No audio device is available: choose one first.</source>
        <translation>Nessun dispositivo audio disponibile: scegline prima uno.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The project runs at %d Hz but the device at %d Hz.</source>
        <translation>Il progetto è a %d Hz, ma il dispositivo a %d Hz.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot start the audio device: %s</source>
        <translation>Impossibile avviare il dispositivo audio: %s</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The audio device did not stop cleanly: %s</source>
        <translation>Il dispositivo audio non si è arrestato correttamente: %s</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Arm a track to record on first.</source>
        <translation>Prima abilita una traccia alla registrazione.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>The camera or the sound failed during the take (%s); what was recorded is kept.</source>
        <translation>La videocamera o l&apos;audio si sono interrotti durante la ripresa (%s); quanto registrato è conservato.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%d camera frames were dropped: the computer could not keep up.</source>
        <translation>%d fotogrammi della videocamera sono andati persi: il computer non ha tenuto il passo.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The audio device failed during the take (%s); what was recorded is kept.</source>
        <translation>Il dispositivo audio si è guastato durante la take (%s); ciò che è stato registrato viene conservato.</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+15"/>
        <source>The take was recorded to %s but could not be added to the project.</source>
        <translation>La take è stata registrata in %s, ma non è stato possibile aggiungerla al progetto.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The take could not be finished: %s</source>
        <translation>Non è stato possibile completare la take: %s</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Playback stopped: %s</source>
        <translation>Riproduzione interrotta: %s</translation>
    </message>
</context>
<context>
    <name>AudioDevices</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/audio_devices.py" line="+177"/>
        <source>Cannot show the input level: %s</source>
        <translation>Impossibile mostrare il livello di ingresso: %s</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The audio device cannot be used: %s</source>
        <translation>Impossibile usare il dispositivo audio: %s</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stop the transport before calibrating.</source>
        <translation>Ferma la riproduzione prima di calibrare.</translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/settings_pages.py" line="-205"/>
        <source>Input device</source>
        <translation>Dispositivo di ingresso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output device</source>
        <translation>Dispositivo di uscita</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample rate</source>
        <translation>Frequenza di campionamento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} Hz</source>
        <translation>{0} Hz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Buffer size</source>
        <translation>Dimensione del buffer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} samples</source>
        <translation>{0} campioni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for audio devices…</source>
        <translation>Ricerca dei dispositivi audio…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Input:</source>
        <translation>&amp;Ingresso:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Output:</source>
        <translation>&amp;Uscita:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample &amp;rate:</source>
        <translation>&amp;Frequenza di campionamento:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Buffer size:</source>
        <translation>Dimensione del &amp;buffer:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A smaller buffer answers faster while you record but needs a quicker computer; 256 samples suits most.</source>
        <translation>Un buffer più piccolo risponde più in fretta mentre registri ma richiede un computer più veloce; 256 campioni vanno bene per quasi tutti.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>System default</source>
        <translation>Predefinito di sistema</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n device(s) found.</source>
        <translation>
            <numerusform>%n dispositivo trovato.</numerusform>
            <numerusform>%n dispositivi trovati.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No audio devices could be listed: {0}</source>
        <translation>Non è stato possibile elencare i dispositivi audio: {0}</translation>
    </message>
</context>
<context>
    <name>CameraMicrophone</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/camera_microphone.py" line="+68"/>
        <source>The camera&apos;s microphone cannot record 48 kHz sound.</source>
        <translation>Il microfono della videocamera non può registrare a 48 kHz.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The camera&apos;s microphone stopped: %s</source>
        <translation>Il microfono della videocamera si è fermato: %s</translation>
    </message>
</context>
<context>
    <name>ChallengeBrowser</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/challenge_browser.py" line="+67"/>
        <source>Challenge browser</source>
        <translation>Elenco delle sfide</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Challenges</source>
        <translation>Sfide</translation>
    </message>
    <message>
        <location line="+268"/>
        <source>Cannot preview: {0}</source>
        <translation>Anteprima impossibile: {0}</translation>
    </message>
</context>
<context>
    <name>ChallengeDetail</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/challenge_detail.py" line="+31"/>
        <source>Challenge details</source>
        <translation>Dettagli della sfida</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Brief</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open project</source>
        <translation>Apri progetto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the challenge&apos;s project</source>
        <translation>Apri il progetto della sfida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the project for this challenge (Enter)</source>
        <translation>Apri il progetto di questa sfida (Invio)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Choose a challenge to read its brief.</source>
        <translation>Scegli una sfida per leggerne la descrizione.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no deadline</source>
        <translation>nessuna scadenza</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open</source>
        <translation>aperta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>closed</source>
        <translation>chiusa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>video</source>
        <translation>video</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>audio</source>
        <translation>audio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wanted: {0} · {1} · Deadline: {2} · {3} · Posted by {4}</source>
        <translation>Cercasi: {0} · {1} · Scadenza: {2} · {3} · Pubblicata da {4}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The contributions could not be loaded: {0}</source>
        <translation>Non è stato possibile caricare i contributi: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading contributions…</source>
        <translation>Caricamento dei contributi…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No contributions yet.</source>
        <translation>Ancora nessun contributo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contributions ({0})</source>
        <translation>Contributi ({0})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reference media: none</source>
        <translation>Media di riferimento: nessuno</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reference media: {0}</source>
        <translation>Media di riferimento: {0}</translation>
    </message>
</context>
<context>
    <name>ChallengeFilters</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/challenge_filters.py" line="+30"/>
        <source>Search challenges (Ctrl+F)</source>
        <translation>Cerca sfide (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search challenges</source>
        <translation>Cerca sfide</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wanted role</source>
        <translation>Ruolo cercato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any role</source>
        <translation>Qualsiasi ruolo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio and video</source>
        <translation>Audio e video</translation>
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
        <translation>Aperte o chiuse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Aperte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed</source>
        <translation>Chiuse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Any</source>
        <translation>Tutte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newest</source>
        <translation>Più recenti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Most contributed</source>
        <translation>Più contributi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline soonest</source>
        <translation>Scadenza più vicina</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest</source>
        <translation>Meno recenti</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of challenges</source>
        <translation>Numero di sfide</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading challenges</source>
        <translation>Caricamento delle sfide</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{0}+ challenges</source>
        <translation>{0}+ sfide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 challenge</source>
        <translation>1 sfida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} challenges</source>
        <translation>{0} sfide</translation>
    </message>
</context>
<context>
    <name>ChallengeListModel</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/challenge_list_model.py" line="+48"/>
        <source>Challenge</source>
        <translation>Sfida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wanted</source>
        <translation>Cercasi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contributions</source>
        <translation>Contributi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted by</source>
        <translation>Pubblicata da</translation>
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
        <translation>nessuna</translation>
    </message>
</context>
<context>
    <name>ContributionList</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/contribution_list.py" line="+123"/>
        <source>Contributions</source>
        <translation>Contributi</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>built on: {0}</source>
        <translation>basato su: {0}</translation>
    </message>
</context>
<context>
    <name>ContributionRow</name>
    <message>
        <location line="-98"/>
        <source>Add to project</source>
        <translation>Aggiungi al progetto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to the challenge&apos;s project (Ctrl+Shift+A)</source>
        <translation>Aggiungi al progetto della sfida (Ctrl+Maiusc+A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add {0} to the project</source>
        <translation>Aggiungi {0} al progetto</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Stop {0}</source>
        <translation>Ferma {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play {0}</source>
        <translation>Riproduci {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop (Space)</source>
        <translation>Ferma (Spazio)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Preview (Space)</source>
        <translation>Anteprima (Spazio)</translation>
    </message>
</context>
<context>
    <name>FileImporter</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/file_import.py" line="+56"/>
        <source>Could not import: {0}</source>
        <translation>Impossibile importare: {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Imported</source>
        <translation>Importata</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import files</source>
        <translation>Importa file</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/level_meter.py" line="+69"/>
        <source>Level meter</source>
        <translation>Indicatore di livello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input level. Click to clear the clip lights.</source>
        <translation>Livello di ingresso. Fai clic per azzerare le spie di clipping.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>L</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>R</source>
        <translation>D</translation>
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
        <translation>Caricamenti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploads start once connected.</source>
        <translation>I caricamenti partono appena c&apos;è connessione.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Challenges and projects</source>
        <translation>Sfide e progetti</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Challenges</source>
        <translation>Sfide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open tabs</source>
        <translation>Schede aperte</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Working</source>
        <translation>Operazione in corso</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Cannot open the project: {0}</source>
        <translation>Impossibile aprire il progetto: {0}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot open {0}: {1}</source>
        <translation>Impossibile aprire {0}: {1}</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Not connected: cannot download the contribution.</source>
        <translation>Non connesso: impossibile scaricare il contributo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adding “{0}” to the project…</source>
        <translation>Aggiunta di «{0}» al progetto…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adding {0}: {1} %</source>
        <translation>Aggiunta di {0}: {1} %</translation>
    </message>
    <message>
        <location line="-236"/>
        <source>Starting the local community…</source>
        <translation>Avvio della comunità locale…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>signed in as {0}</source>
        <translation>accesso come {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not signed in</source>
        <translation>accesso non eseguito</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not connected</source>
        <translation>Non connesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot connect</source>
        <translation>Impossibile connettersi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not load challenges: {0}</source>
        <translation>Impossibile caricare le sfide: {0}</translation>
    </message>
</context>
<context>
    <name>MediaImport</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/media_import.py" line="+64"/>
        <source>The media cache is not open; cannot download.</source>
        <translation>La cache multimediale non è aperta; impossibile scaricare.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Cannot add {0}: {1}</source>
        <translation>Impossibile aggiungere {0}: {1}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add &apos;{0}&apos;</source>
        <translation>Aggiungi «{0}»</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/offline_banner.py" line="+18"/>
        <source>Offline notice</source>
        <translation>Avviso offline</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Try again</source>
        <translation>Riprova</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try to reach the server again</source>
        <translation>Prova di nuovo a raggiungere il server</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Offline — showing saved challenges</source>
        <translation>Offline — vengono mostrate le sfide salvate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline — showing challenges saved at {0}</source>
        <translation>Offline — vengono mostrate le sfide salvate il {0}</translation>
    </message>
</context>
<context>
    <name>ProjectPrefetch</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/project_prefetch.py" line="+74"/>
        <source>Contribution {0} could not be downloaded: {1}</source>
        <translation>Non è stato possibile scaricare il contributo {0}: {1}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Downloading {0} contribution(s): {1} of {2}</source>
        <translation>Download di {0} contributo/i: {1} di {2}</translation>
    </message>
</context>
<context>
    <name>RecorderPanel</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/recorder_panel.py" line="+50"/>
        <source>Input %d (mono)</source>
        <translation>Ingresso %d (mono)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inputs %d+%d (stereo)</source>
        <translation>Ingressi %d+%d (stereo)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Recorder</source>
        <translation>Registrazione</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dropout warning</source>
        <translation>Avviso di dropout</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Audio problem</source>
        <translation>Problema audio</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Input</source>
        <translation>Ingresso</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input device</source>
        <translation>Dispositivo di ingresso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audio interface or microphone to record from</source>
        <translation>L&apos;interfaccia audio o il microfono da cui registrare</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Input channels</source>
        <translation>Canali di ingresso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Device:</source>
        <translation>&amp;Dispositivo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hannels:</source>
        <translation>&amp;Canali:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show input &amp;level</source>
        <translation>Mostra &amp;livello di ingresso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show input level</source>
        <translation>Mostra livello di ingresso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Meter the input while stopped, to set your gain</source>
        <translation>Misura l&apos;ingresso anche da fermo, per regolare il guadagno</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Monitor input</source>
        <translation>&amp;Monitoraggio dell&apos;ingresso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Monitor input</source>
        <translation>Monitoraggio dell&apos;ingresso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hear yourself through the app while playing and recording (use headphones)</source>
        <translation>Ascoltati attraverso l&apos;app durante riproduzione e registrazione (usa le cuffie)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Input level</source>
        <translation>Livello di ingresso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level:</source>
        <translation>Livello:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Latency</source>
        <translation>Latenza</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+143"/>
        <source>Checking…</source>
        <translation>Verifica in corso…</translation>
    </message>
    <message>
        <location line="-141"/>
        <source>Latency status</source>
        <translation>Stato della latenza</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Calibrate…</source>
        <translation>Cali&amp;bra…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calibrate latency</source>
        <translation>Calibra la latenza</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Play a test signal and measure how late it comes back (about 6 s)</source>
        <translation>Riproduce un segnale di prova e misura con quanto ritardo ritorna (circa 6 s)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Calibrating</source>
        <translation>Calibrazione in corso</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+3"/>
        <source>Takes</source>
        <translation>Take</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click a take to make it the one that plays</source>
        <translation>Fai clic su una take per renderla quella riprodotta</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active</source>
        <translation>Attiva</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take</source>
        <translation>Take</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length</source>
        <translation>Durata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded</source>
        <translation>Registrata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropouts</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Delete Take</source>
        <translation>&amp;Elimina take</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete take</source>
        <translation>Elimina take</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove the selected take from the track (Del)</source>
        <translation>Rimuovi la take selezionata dalla traccia (Canc)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>System default</source>
        <translation>Predefinito di sistema</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot list audio devices: %s</source>
        <translation>Impossibile elencare i dispositivi audio: %s</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Not calibrated for these devices. Calibrate once so takes land on the beat.</source>
        <translation>Non calibrato per questi dispositivi. Calibra una volta perché le take cadano a tempo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calibrated: %.1f ms round trip (%d samples); takes are moved back by it.</source>
        <translation>Calibrato: %.1f ms di andata e ritorno (%d campioni); le take vengono anticipate di questo valore.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Calibrating: playing a test signal…</source>
        <translation>Calibrazione: riproduzione di un segnale di prova…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Calibration failed: %s</source>
        <translation>Calibrazione non riuscita: %s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>⚠ %(name)s has %(count)d dropout(s), the first at %(at)s: the computer could not keep up and the take has gaps. Close other programs or choose a larger buffer size, then record it again.</source>
        <translation>⚠ %(name)s ha %(count)d dropout, il primo a %(at)s: il computer non è riuscito a stare al passo e la take ha dei vuoti. Chiudi gli altri programmi o scegli un buffer più grande, poi registrala di nuovo.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Takes (arm a track to record)</source>
        <translation>Take (abilita una traccia alla registrazione)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Takes on “%s”</source>
        <translation>Take su «%s»</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%s (uploaded)</source>
        <translation>%s (caricato)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On the platform as contribution %d</source>
        <translation>Sulla piattaforma come contributo %d</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Playing</source>
        <translation>In riproduzione</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to play this take</source>
        <translation>Fai clic per riprodurre questa take</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/recovery_dialog.py" line="+52"/>
        <source>Recover your work</source>
        <translation>Recupera il tuo lavoro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recover your work after a crash</source>
        <translation>Recupera il tuo lavoro dopo un arresto anomalo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HitRecord Desktop stopped unexpectedly. This is what could be saved; choose what to do with each.</source>
        <translation>HitRecord Desktop si è chiuso inaspettatamente. Ecco cosa è stato possibile salvare; scegli cosa fare di ciascun elemento.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not be rescued:</source>
        <translation>Non è stato possibile salvare:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Continue</source>
        <translation>&amp;Continua</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep for later</source>
        <translation>Tieni per dopo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Scarta</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Takes recorded when the app stopped</source>
        <translation>Take in registrazione quando l&apos;app si è chiusa</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{0}”, track {1}</source>
        <translation>«{0}», traccia {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} s long, starting at {1} in {2}. {3}</source>
        <translation>lunga {0} s, inizia a {1} in {2}. {3}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Projects with autosaved changes</source>
        <translation>Progetti con modifiche salvate automaticamente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last autosaved {0}.</source>
        <translation>Ultimo salvataggio automatico: {0}.</translation>
    </message>
</context>
<context>
    <name>RenderTask</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/render_task.py" line="+112"/>
        <source>The render was cancelled; no file was written.</source>
        <translation>Il rendering è stato annullato; nessun file è stato scritto.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The render failed: {0}</source>
        <translation>Il rendering non è riuscito: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/settings_dialog.py" line="+50"/>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Settings pages</source>
        <translation>Pagine delle impostazioni</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage</source>
        <translation>Archiviazione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appearance</source>
        <translation>Aspetto</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/account_dialogs.py" line="-147"/>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>Accedi</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in to {0}.</source>
        <translation>Accedi a {0}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Username</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in message</source>
        <translation>Messaggio di accesso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Username:</source>
        <translation>&amp;Nome utente:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Sign in</source>
        <translation>&amp;Accedi</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Type your username and password.</source>
        <translation>Inserisci nome utente e password.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signing in…</source>
        <translation>Accesso in corso…</translation>
    </message>
</context>
<context>
    <name>SignInPrompter</name>
    <message>
        <location line="+129"/>
        <source>Uploads to this server wait until you sign in again.</source>
        <translation>I caricamenti su questo server attendono che tu acceda di nuovo.</translation>
    </message>
</context>
<context>
    <name>StoragePage</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/settings_pages.py" line="+42"/>
        <source>Media cache limit in MiB</source>
        <translation>Limite della cache multimediale in MiB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Measuring the cache…</source>
        <translation>Misurazione della cache…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Empty the cache now</source>
        <translation>&amp;Svuota ora la cache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty the media cache</source>
        <translation>Svuota la cache multimediale</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep at most:</source>
        <translation>Conserva al massimo:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Contributions you listen to are kept on disk for offline use; the least recently used go first when the cache is full.</source>
        <translation>I contributi che ascolti restano sul disco per l&apos;uso offline; quando la cache è piena, si eliminano per primi quelli usati meno di recente.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Emptying the cache…</source>
        <translation>Svuotamento della cache…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>In use now: {0} in {1} file(s).</source>
        <translation>In uso ora: {0} in {1} file.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The cache could not be measured: {0}</source>
        <translation>Non è stato possibile misurare la cache: {0}</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/clip_item.py" line="+92"/>
        <source>active take</source>
        <translation>take attiva</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unused take</source>
        <translation>take non usata</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} by {1}</source>
        <translation>{0} di {1}</translation>
    </message>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/recording_item.py" line="+92"/>
        <source>Recording…</source>
        <translation>Registrazione…</translation>
    </message>
</context>
<context>
    <name>TimelineRuler</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/ruler.py" line="+41"/>
        <source>Ruler</source>
        <translation>Righello</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to move the playhead. Drag the loop and punch ranges to change them.</source>
        <translation>Fai clic per spostare il cursore di riproduzione. Trascina gli intervalli di loop e di punch per modificarli.</translation>
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
        <translation>Timeline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline clips</source>
        <translation>Clip della timeline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clips of every track. Arrow keys nudge the selected clip, Tab moves between clips.</source>
        <translation>Clip di tutte le tracce. I tasti freccia spostano di poco la clip selezionata, Tab passa da una clip all&apos;altra.</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/timeline/widget.py" line="+84"/>
        <source>Tracks</source>
        <translation>Tracce</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Project timeline</source>
        <translation>Timeline del progetto</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Split at playhead</source>
        <translation>Dividi al cursore di riproduzione</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete clip</source>
        <translation>Elimina clip</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in</source>
        <translation>Ingrandisci</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Riduci</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom to fit</source>
        <translation>Adatta alla finestra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Snap to beats and clips</source>
        <translation>Aggancia a movimenti e clip</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ruler in minutes and seconds</source>
        <translation>Righello in minuti e secondi</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow playhead</source>
        <translation>Segui il cursore di riproduzione</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add track</source>
        <translation>Aggiungi traccia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add video track</source>
        <translation>Aggiungi traccia video</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loop selected clips</source>
        <translation>Loop sulle clip selezionate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Punch in on selected clips</source>
        <translation>Punch-in sulle clip selezionate</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>+ Track</source>
        <translation>+ Traccia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snap</source>
        <translation>Aggancio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Min:sec</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>Adatta</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Split clips</source>
        <translation>Dividi clip</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete clips</source>
        <translation>Elimina clip</translation>
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
        <translation>Muto</translation>
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
        <translation>Abilita registrazione</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Name of track {0}</source>
        <translation>Nome della traccia {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mute {0}</source>
        <translation>Silenzia {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solo {0}</source>
        <translation>Solo {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record-arm {0}</source>
        <translation>Abilita {0} alla registrazione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove track {0}</source>
        <translation>Rimuovi la traccia {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove track</source>
        <translation>Rimuovi traccia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gain of {0}</source>
        <translation>Guadagno di {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gain: {0:+.1f} dB</source>
        <translation>Guadagno: {0:+.1f} dB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan of {0}</source>
        <translation>Pan di {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan: {0:+.0f}</source>
        <translation>Pan: {0:+.0f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Track {0}</source>
        <translation>Traccia {0}</translation>
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
        <translation>Intestazioni delle tracce</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/transport_bar.py" line="+40"/>
        <location line="+2"/>
        <source>Transport</source>
        <translation>Trasporto</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Return to Start</source>
        <translation>Torna all&apos;inizio</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+169"/>
        <source>Play</source>
        <translation>Riproduci</translation>
    </message>
    <message>
        <location line="-163"/>
        <location line="+161"/>
        <source>Stop</source>
        <translation>Ferma</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Record</source>
        <translation>Registra</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loop</source>
        <translation>Loop</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click</source>
        <translation>Metronomo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Count-in</source>
        <translation>Pre-conteggio</translation>
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
        <translation>Tempo in battiti al minuto</translation>
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
        <translation>Min:sec</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time position</source>
        <translation>Posizione temporale</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bar.Beat</source>
        <translation>Battuta.Movimento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bar and beat position</source>
        <translation>Posizione in battute e movimenti</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Transport state</source>
        <translation>Stato del trasporto</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Stopped</source>
        <translation>Fermo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting…</source>
        <translation>Avvio…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playing</source>
        <translation>Riproduzione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>● Recording</source>
        <translation>● Registrazione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saving take…</source>
        <translation>Salvataggio della take…</translation>
    </message>
</context>
<context>
    <name>UploadCredits</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/upload_credits.py" line="+46"/>
        <source>Credits of the selected upload</source>
        <translation>Crediti del caricamento selezionato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built on</source>
        <translation>Basato su</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Di</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>At</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Select an upload to see whom it credits.</source>
        <translation>Seleziona un caricamento per vedere chi cita.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{0}” is built on no other contribution: it is all yours.</source>
        <translation>«{0}» non si basa su altri contributi: è tutto tuo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{0}” credits {1} contribution(s) when it is sent:</source>
        <translation>«{0}» cita {1} contributo/i quando viene inviato:</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Contribution #{0}</source>
        <translation>Contributo n. {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(unknown)</source>
        <translation>(sconosciuto)</translation>
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
        <translation>Carica nella comunità</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Credits sent with this upload</source>
        <translation>Crediti inviati con questo caricamento</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nobody else: this is all your own work.</source>
        <translation>Nessun altro: è tutto lavoro tuo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preparing the upload</source>
        <translation>Preparazione del caricamento</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sending:</source>
        <translation>Invio:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titolo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>&amp;Ruolo:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Upload</source>
        <translation>&amp;Carica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload</source>
        <translation>Caricamento</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Credits — these people are credited and share in what the work earns:</source>
        <translation>&amp;Crediti — queste persone sono citate e partecipano ai guadagni dell&apos;opera:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Give the upload a title.</source>
        <translation>Dai un titolo al caricamento.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checking the file ({0})…</source>
        <translation>Verifica del file ({0})…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot queue the upload: {0}</source>
        <translation>Impossibile mettere in coda il caricamento: {0}</translation>
    </message>
</context>
<context>
    <name>UploadStatus</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/upload_status.py" line="+26"/>
        <source>Uploads</source>
        <translation>Caricamenti</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upload progress</source>
        <translation>Avanzamento del caricamento</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Uploads wait: sign in again</source>
        <translation>I caricamenti attendono: accedi di nuovo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Uploads wait for the network</source>
        <translation>I caricamenti attendono la rete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: {1} of {2}, {3}/s</source>
        <translation>{0}: {1} di {2}, {3}/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} uploading</source>
        <translation>{0} in caricamento</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, {0} left</source>
        <translation>, mancano {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} upload(s) queued</source>
        <translation>{0} caricamento/i in coda</translation>
    </message>
</context>
<context>
    <name>UploadTableModel</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/upload_model.py" line="+61"/>
        <source>Upload</source>
        <translation>Caricamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Avanzamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate</source>
        <translation>Velocità</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time left</source>
        <translation>Tempo rimanente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{0} of {1}</source>
        <translation>{0} di {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}/s</source>
        <translation>{0}/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Local community</source>
        <translation>Comunità locale</translation>
    </message>
</context>
<context>
    <name>UploadWords</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/upload_words.py" line="+17"/>
        <source>Waiting its turn</source>
        <translation>In attesa del suo turno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for network</source>
        <translation>In attesa della rete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to sign in</source>
        <translation>In attesa dell&apos;accesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrying later</source>
        <translation>Nuovo tentativo più tardi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploading</source>
        <translation>In caricamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifying</source>
        <translation>In verifica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused</source>
        <translation>In pausa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Completato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Non riuscito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Annullato</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} queued</source>
        <translation>{0} in coda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} waiting for network</source>
        <translation>{0} in attesa della rete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} waiting to sign in</source>
        <translation>{0} in attesa dell&apos;accesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} retrying later</source>
        <translation>{0} da riprovare più tardi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} uploading</source>
        <translation>{0} in caricamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} verifying</source>
        <translation>{0} in verifica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} paused</source>
        <translation>{0} in pausa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} failed</source>
        <translation>{0} non riuscito/i</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} done</source>
        <translation>{0} completato/i</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} cancelled</source>
        <translation>{0} annullato/i</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Failed: {0}</source>
        <translation>Non riuscito: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retrying later: {0}</source>
        <translation>Nuovo tentativo più tardi: {0}</translation>
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
        <translation>Caricamenti</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Upload queue</source>
        <translation>Coda dei caricamenti</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pausa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause the selected upload</source>
        <translation>Metti in pausa il caricamento selezionato</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Resume</source>
        <translation>&amp;Riprendi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume the selected upload</source>
        <translation>Riprendi il caricamento selezionato</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Re&amp;try</source>
        <translation>Ri&amp;prova</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try the failed upload again</source>
        <translation>Riprova il caricamento non riuscito</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Cancel upload</source>
        <translation>&amp;Annulla caricamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the selected upload for good</source>
        <translation>Interrompi definitivamente il caricamento selezionato</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pause &amp;all</source>
        <translation>Metti in pausa &amp;tutti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause every upload</source>
        <translation>Metti in pausa tutti i caricamenti</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resume a&amp;ll</source>
        <translation>Riprendi t&amp;utti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume every paused upload</source>
        <translation>Riprendi tutti i caricamenti in pausa</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>C&amp;lear finished</source>
        <translation>Rimuovi i c&amp;onclusi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove done and cancelled uploads from the list</source>
        <translation>Togli dall&apos;elenco i caricamenti completati e annullati</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Sign in…</source>
        <translation>&amp;Accedi…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in so the waiting upload can go on</source>
        <translation>Accedi perché il caricamento in attesa possa proseguire</translation>
    </message>
    <message numerus="yes">
        <location line="+80"/>
        <source>%n upload(s) in the queue.</source>
        <translation>
            <numerusform>%n caricamento in coda.</numerusform>
            <numerusform>%n caricamenti in coda.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} — {1}
to {2}, role: {3}</source>
        <translation>{0} — {1}
destinazione: {2}, ruolo: {3}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local community</source>
        <translation>Comunità locale</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Upload actions</source>
        <translation>Azioni di caricamento</translation>
    </message>
</context>
<context>
    <name>VideoBridge</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/video_bridge.py" line="+93"/>
        <source>Opening the video…</source>
        <translation>Apertura del video…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No video at the playhead</source>
        <translation>Nessun video alla testina</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot show the video: {0}</source>
        <translation>Impossibile mostrare il video: {0}</translation>
    </message>
</context>
<context>
    <name>VideoPreview</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/video_preview.py" line="+48"/>
        <source>Opening the video…</source>
        <translation>Apertura del video…</translation>
    </message>
</context>
<context>
    <name>VideoView</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/video_view.py" line="+28"/>
        <source>Video preview</source>
        <translation>Anteprima video</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No video at the playhead</source>
        <translation>Nessun video alla testina</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Waiting for the video…</source>
        <translation>In attesa del video…</translation>
    </message>
</context>
<context>
    <name>WaveformLoader</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/waveform_loader.py" line="+95"/>
        <source>not downloaded yet (offline)</source>
        <translation>non ancora scaricato (offline)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>video without sound</source>
        <translation>video senza audio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the audio cannot be read</source>
        <translation>impossibile leggere l&apos;audio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no waveform</source>
        <translation>nessuna forma d&apos;onda</translation>
    </message>
</context>
<context>
    <name>WaveformView</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/waveform_view.py" line="+21"/>
        <source>Waveform</source>
        <translation>Forma d&apos;onda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waveform…</source>
        <translation>forma d&apos;onda…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Waveform of {0:.0f} s</source>
        <translation>Forma d&apos;onda di {0:.0f} s</translation>
    </message>
</context>
<context>
    <name>WebcamPanel</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/video/webcam_panel.py" line="+50"/>
        <location line="+20"/>
        <source>Camera</source>
        <translation>Videocamera</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Camera recording</source>
        <translation>Ripresa con videocamera</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Camera status</source>
        <translation>Stato della videocamera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Look for cameras again</source>
        <translation>&amp;Cerca di nuovo le videocamere</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look for cameras again</source>
        <translation>Cerca di nuovo le videocamere</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Picture size and frame rate</source>
        <translation>Dimensione dell&apos;immagine e frequenza dei fotogrammi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Camera preview</source>
        <translation>Anteprima della videocamera</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record &amp;video with the take</source>
        <translation>Registra il &amp;video con la ripresa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record video with the take</source>
        <translation>Registra il video con la ripresa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sound of the camera take</source>
        <translation>Audio della ripresa video</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio input (in time with the project)</source>
        <translation>Ingresso audio (a tempo con il progetto)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera microphone</source>
        <translation>Microfono della videocamera</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Camera delay in milliseconds</source>
        <translation>Ritardo della videocamera in millisecondi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How late the camera&apos;s pictures arrive. Raise it if you look late in takes.</source>
        <translation>Quanto arrivano in ritardo le immagini della videocamera. Aumentalo se nelle riprese sembri in ritardo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>C&amp;amera:</source>
        <translation>Video&amp;camera:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Size:</source>
        <translation>&amp;Dimensione:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ound:</source>
        <translation>A&amp;udio:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delay:</source>
        <translation>&amp;Ritardo:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Record Video with Take</source>
        <translation>Registra video con la ripresa</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Arm a video track for the camera take first (Ctrl+Alt+N adds one).</source>
        <translation>Prima arma una traccia video per la ripresa (Ctrl+Alt+N ne aggiunge una).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The camera is not running: choose it again.</source>
        <translation>La videocamera non è attiva: sceglila di nuovo.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>HitRecord Desktop is not allowed to use the camera. To allow it, open System Settings &gt; Privacy &amp; Security &gt; Camera, turn on HitRecord Desktop, then restart the app.</source>
        <translation>HitRecord Desktop non ha il permesso di usare la videocamera. Per concederlo apri Impostazioni di Sistema &gt; Privacy e sicurezza &gt; Fotocamera, attiva HitRecord Desktop e riavvia l&apos;app.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No camera found. Connect a camera (or open the laptop&apos;s lid), then press “Look for cameras again”. Takes record sound only until then.</source>
        <translation>Nessuna videocamera trovata. Collega una videocamera (o apri il coperchio del portatile), poi premi «Cerca di nuovo le videocamere». Fino ad allora le riprese registrano solo l&apos;audio.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No picture</source>
        <translation>Nessuna immagine</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The camera failed: {0}</source>
        <translation>La videocamera si è interrotta: {0}</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/window_menus.py" line="+44"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Project of Selected Challenge</source>
        <translation>&amp;Apri il progetto della sfida selezionata</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import Media into Project…</source>
        <translation>&amp;Importa media nel progetto…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Close Project</source>
        <translation>C&amp;hiudi progetto</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Settings…</source>
        <translation>Impos&amp;tazioni…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annulla</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Redo</source>
        <translation>&amp;Ripeti</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Challenges</source>
        <translation>&amp;Sfide</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Find Challenges</source>
        <translation>&amp;Cerca sfide</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aggiorna</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Uploads Panel</source>
        <translation>&amp;Pannello caricamenti</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Transport</source>
        <translation>&amp;Trasporto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Uploads</source>
        <translation>&amp;Caricamenti</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About HitRecord Desktop</source>
        <translation>&amp;Informazioni su HitRecord Desktop</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Select a challenge first.</source>
        <translation>Seleziona prima una sfida.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Import media into the project</source>
        <translation>Importa media nel progetto</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>About HitRecord Desktop</source>
        <translation>Informazioni su HitRecord Desktop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HitRecord Desktop {0}
Finish work together: every piece credited.</source>
        <translation>HitRecord Desktop {0}
Completare opere insieme: ogni contributo viene citato.</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../hitrecord_desktop/ui/workspace.py" line="+80"/>
        <source>Project: {0}</source>
        <translation>Progetto: {0}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Recorder panel</source>
        <translation>Pannello di registrazione</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>&amp;Save Project</source>
        <translation>&amp;Salva progetto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Upload Take…</source>
        <translation>&amp;Carica take…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Render and Upload &amp;Mix…</source>
        <translation>Renderizza e carica il &amp;mix…</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+29"/>
        <source>Saving failed: {0}</source>
        <translation>Salvataggio non riuscito: {0}</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>{0} recorded ({1:.1f} s).</source>
        <translation>{0} registrata ({1:.1f} s).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It has {0} dropout(s): listen before you use it.</source>
        <translation>Ha {0} dropout: ascoltala prima di usarla.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Project saved.</source>
        <translation>Progetto salvato.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Uploads start once the server is connected.</source>
        <translation>I caricamenti partono quando il server è connesso.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Record a take first, then choose it to upload.</source>
        <translation>Registra prima una take, poi sceglila per caricarla.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0}, {1:.1f} s</source>
        <translation>{0}, {1:.1f} s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The project is empty: nothing to render.</source>
        <translation>Il progetto è vuoto: niente da renderizzare.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rendering the mix…</source>
        <translation>Rendering del mix…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rendering the video…</source>
        <translation>Rendering del video…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rendering the mix</source>
        <translation>Rendering del mix</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rendering the video</source>
        <translation>Rendering del video</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Render</source>
        <translation>Rendering</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Video rendered: {0:.1f} s, {1:.1f} LUFS.</source>
        <translation>Video renderizzato: {0:.1f} s, {1:.1f} LUFS.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mix rendered: {0:.1f} s, {1:.1f} LUFS.</source>
        <translation>Mix renderizzato: {0:.1f} s, {1:.1f} LUFS.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Video of the project, {0:.1f} s</source>
        <translation>Video del progetto, {0:.1f} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mix of the project, {0:.1f} s</source>
        <translation>Mix del progetto, {0:.1f} s</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Queued for upload: {0}</source>
        <translation>In coda per il caricamento: {0}</translation>
    </message>
</context>
</TS>
