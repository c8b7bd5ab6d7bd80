; Inno Setup 6.3+ script: per-user installer of 决算公开编报助手 from the PyInstaller folder.
;
;   pyinstaller --noconfirm build.spec                       (makes dist\juesuan\)
;   iscc /DAppVersion=<version> installer\juesuan.iss         (makes dist\juesuan-setup-<version>.exe)
;
; installer/build-windows.sh does both under Wine and passes the version read from pyproject.toml,
; the one place it is written. Without /DAppVersion this script does not compile.
;
; No administrator rights: installs under %LOCALAPPDATA%\Programs, registers the .jsgk file type
; under HKCU\Software\Classes and adds 开始菜单 and 桌面 shortcuts, all removed again on uninstall.
; The user's own files stay: projects wherever they saved them, and the data folder (platformdirs
; user_data_dir("JuesuanGongkai") = %LOCALAPPDATA%\JuesuanGongkai: recovery copies, locks) is
; outside {app} and named by no [UninstallDelete].
; Saved as UTF-8 with a byte-order mark, which is how Inno Setup knows the Chinese text is UTF-8.
; tests/test_packaging_iss.py checks the names below against build.spec, pyproject.toml and the
; app's constants; the wizard's Chinese texts are in wizard-zh_CN.iss.

#ifndef AppVersion
  #error 版本号由构建给出：iscc /DAppVersion=<pyproject.toml 的 version>（installer/build-windows.sh 即如此）
#endif
#ifndef DistDir
  #define DistDir "..\dist\juesuan"
#endif
#define AppName "决算公开编报助手"
#define AppFolder "JuesuanGongkai"
#define ExeName "juesuan.exe"
#define CliExeName "juesuan-cli.exe"
#define FileExt ".jsgk"
#define ProgId "JuesuanGongkai.Project"

[Setup]
AppId={{22A233D8-0A1F-4429-9D9E-4105EC83BEF0}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
; The per-user programs folder of Windows 10 (FOLDERID_UserProgramFiles). Written through
; {localappdata} rather than {userpf}, which names the same folder: Wine 8 cannot expand {userpf}
; ("Failed to expand shell folder constant userpf"), and the build is installed and tried under Wine.
DefaultDirName={localappdata}\Programs\{#AppFolder}
DisableDirPage=auto
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#ExeName}
SetupIconFile=juesuan.ico
OutputDir=..\dist
OutputBaseFilename=juesuan-setup-{#AppVersion}
; The list of files compiled into the installer, read by tests/test_packaging_windows.py.
OutputManifestFile=juesuan-setup-{#AppVersion}.files.txt
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes
; Qt 6 runs on 64-bit Windows 10 1809 and later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763

[Languages]
; One language: Default.isl's English, every text of which wizard-zh_CN.iss gives in Chinese.
Name: "zh_CN"; MessagesFile: "compiler:Default.isl"

#include "wizard-zh_CN.iss"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder build: both programs and _internal\ (Qt, Python, resources).
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon
; A console where `juesuan-cli check 文件夹` and `juesuan-cli export …` can be typed as they are.
Name: "{userprograms}\{cm:ConsoleShortcut,{#AppName}}"; Filename: "{cmd}"; Parameters: "/k set ""PATH={app};%PATH%"" && {#CliExeName} --help"; WorkingDir: "{userdocs}"; IconFilename: "{app}\{#ExeName}"; Comment: "{cm:ConsoleShortcutComment}"

[Registry]
; Double-clicking a project file opens it in the window. Keys emptied by the uninstall go with it.
Root: HKCU; Subkey: "Software\Classes\{#FileExt}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#FileExt}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:FileTypeName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#ExeName},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#ExeName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#ExeName}\SupportedTypes"; ValueType: string; ValueName: "{#FileExt}"; ValueData: ""

[Run]
Filename: "{app}\{#ExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
