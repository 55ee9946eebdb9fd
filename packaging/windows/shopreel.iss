; ASCII only: Inno Setup reads a script without a byte-order mark in the system code page.
; Inno Setup 6 script: a per-user installer for the one-folder build in dist\shopreel\.
;
; Build the folder first (on Windows: see packaging\README.md), then:
;     "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\shopreel.iss
; The installer is written to dist\installer\ShopReel-<version>-setup.exe.
; No administrator rights are needed: ShopReel installs under %LOCALAPPDATA%\Programs\ShopReel
; and adds a Start-menu entry (and, if chosen, a desktop icon). The user's store lives in
; %LOCALAPPDATA%\ShopReel and is left alone by the uninstaller.

#define AppName "ShopReel"
#define AppExe "ShopReel.exe"
#define Root AddBackslash(SourcePath) + "..\.."

; The version comes from app\__init__.py's __version__ (as pyproject.toml's does), unless
; given on the command line: ISCC /DAppVersion=1.2.3 shopreel.iss
#ifndef AppVersion
  #define VersionLine
  #define AppVersion ""
  #define VersionFile FileOpen(Root + "\app\__init__.py")
  #sub ReadVersionLine
    #define VersionLine = FileRead(VersionFile)
    #if Pos('__version__ = "', VersionLine) == 1
      #define AppVersion = Copy(VersionLine, 16, Len(VersionLine) - 16)
    #endif
  #endsub
  #for {VersionFile; VersionFile && !FileEof(VersionFile); ""} ReadVersionLine
  #if VersionFile
    #expr FileClose(VersionFile)
  #endif
  #if AppVersion == ""
    #error Could not read __version__ from app\__init__.py
  #endif
#endif

[Setup]
AppId={{6C1E0F0A-4B8E-4E0B-9D2B-5A3F2B7C9E11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoDescription=ShopReel, short-video shop analytics
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user: no UAC prompt; {autopf} is %LOCALAPPDATA%\Programs. An administrator may still
; choose "install for all users" in the dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\shopreel.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The app must be closed to be updated or removed (its files are in use while it runs).
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; The Chinese messages are a translation that not every Inno Setup install carries.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build: ShopReel.exe (the window, no console), shopreel.exe (the
; command line) and _internal\ with Python, Qt, the CJK font and the translations.
Source: "{#Root}\dist\shopreel\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Short-video shop analytics"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python's byte-code caches that a run may leave beside the program; never the user's store.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
