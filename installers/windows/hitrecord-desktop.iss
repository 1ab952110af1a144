; Inno Setup script of the Windows installer of HitRecord Desktop (Inno Setup 6.3 or newer, which
; know the x64compatible architecture name; Inno Setup 7 compiles it too). It packs PyInstaller's
; one-folder bundle, dist\hitrecord-desktop\,
; which `pyinstaller installers\hitrecord-desktop.spec` makes (VLC's libvlc and plugins are inside it
; on Windows: the person installing needs nothing else).
;
;   iscc /DAppVersion=0.1.0 installers\windows\hitrecord-desktop.iss
;
; writes dist\hitrecord-desktop-0.1.0-windows-x64-setup.exe. The release workflow passes the
; version from pyproject.toml. Optional defines: /DNumericVersion=0.1.0.0 (the file version
; resource wants four numbers; by default AppVersion is used, which must then be numeric) and
; /DBundleDir=<folder> (another bundle folder than ..\..\dist\hitrecord-desktop).
;
; Per-user install by default (no administrator rights, into %LOCALAPPDATA%\Programs); the first
; page lets a person choose all users instead, and /ALLUSERS or /CURRENTUSER choose it on the
; command line. Projects are folders holding a project.json, not files of their own extension, so
; the installer registers no file association.

#ifndef AppVersion
#error Pass the version: iscc /DAppVersion=X.Y.Z hitrecord-desktop.iss
#endif
#ifndef NumericVersion
#define NumericVersion AppVersion
#endif
#ifndef BundleDir
#define BundleDir "..\..\dist\hitrecord-desktop"
#endif

#define AppName "HitRecord Desktop"
#define AppExe "hitrecord-desktop.exe"

[Setup]
; The fixed id that ties upgrades and the uninstaller together: never change it. The doubled
; opening brace is Inno Setup's escape for a literal one.
AppId={{6F0C9B0E-3D5A-4E8B-9B57-2C1E4A7D8F31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=HitRecord Desktop team
AppCopyright=HitRecord Desktop team, MIT licence
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and newer.
MinVersion=10.0
WizardStyle=modern
SetupIconFile=..\..\resources\icons\hitrecord-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=hitrecord-desktop-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
; A running copy holds its DLLs open: Windows' Restart Manager closes it before files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "italian"; MessagesFile: "compiler:Languages\Italian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: files a newer PyInstaller or Qt no longer ships must not
; linger beside the new ones (a stale plugin DLL can crash Qt at start).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes what [Files] installed and the shortcuts. Recordings, projects and
; settings live in the person's own folder (%LOCALAPPDATA%\HitRecord\HitRecordDesktop,
; platformdirs' choice) and stay.
