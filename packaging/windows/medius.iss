; Inno Setup 6 script for Medius on Windows (x64).
; Build the bundle first on Windows:  .venv\Scripts\pyinstaller --noconfirm --clean packaging\medius.spec
; then:  iscc /DAppVersion=0.1.0 packaging\windows\medius.iss
; Output: dist\medius-<version>-windows-x64-setup.exe. Sign it (and dist\medius\*.exe before
; packing) with signtool; see packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Medius"
#define BundleDir "..\..\dist\medius"

[Setup]
AppId={{6C1E8D52-3B7A-4C9F-9E21-0D5A7B4E2F18}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Medius
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Clinic laptops often have no administrator at hand: per-user install by default,
; with the option to install for all users when elevated.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=medius-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\medius.ico
UninstallDisplayIcon={app}\Medius.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
; SignTool=medius_sign $f   (define "medius_sign" in the Inno Setup IDE or with /S on the command line)

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\Medius.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Medius.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Medius.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Clinical records live in %LOCALAPPDATA%\Medius and are never removed by the uninstaller.
