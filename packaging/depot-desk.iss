; Inno Setup script: a Windows installer for the folder scripts\package.py builds.
;
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\depot-desk.iss
;
; Reads dist\DepotDesk\ (run scripts\package.py first) and writes
; dist\DepotDesk-Setup-<version>.exe. Installs for the current user (no
; administrator rights needed), adds the Start-menu shortcuts and an
; uninstaller. The data folder (%LOCALAPPDATA%\DepotDesk) is never touched by
; installing, upgrading or uninstalling.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B0E4C1A-3F2D-4E8B-9C7A-D3E5F1A2B4C6}
AppName=Depot Desk 网点问题件工作台
AppVersion={#AppVersion}
AppPublisher=Depot Desk
DefaultDirName={localappdata}\Programs\DepotDesk
DefaultGroupName=Depot Desk
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename=DepotDesk-Setup-{#AppVersion}
SetupIconFile=..\build\pyinstaller\depot-desk.ico
UninstallDisplayIcon={app}\DepotDesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An upgrade replaces the whole program folder, so files of an older version never linger.
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\DepotDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\网点问题件工作台 Depot Desk"; Filename: "{app}\DepotDesk.exe"
Name: "{group}\{cm:UninstallProgram,Depot Desk}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\网点问题件工作台 Depot Desk"; Filename: "{app}\DepotDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\DepotDesk.exe"; Description: "{cm:LaunchProgram,Depot Desk}"; Flags: nowait postinstall skipifsilent
