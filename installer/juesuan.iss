; Inno Setup 6.3+ script: per-user installer of 决算公开编报助手 from the PyInstaller folder.
;
;   pyinstaller --noconfirm build.spec          (makes dist\juesuan\)
;   iscc installer\juesuan.iss                   (makes dist\juesuan-setup-<version>.exe)
;
; No administrator rights: installs under %LOCALAPPDATA%\Programs, registers the .jsgk file type
; under HKCU\Software\Classes and adds a Start-menu entry, all removed again on uninstall. The
; user's own files (settings, recovery copies in %LOCALAPPDATA%\JuesuanGongkai) are kept.
; Saved as UTF-8 with a byte-order mark, which is how Inno Setup knows the Chinese text is UTF-8.
; tests/test_packaging_iss.py checks the names below against build.spec, pyproject.toml and the
; project file suffix (model/fileio.py).

#define AppName "决算公开编报助手"
#define AppVersion "0.1.0"
#define AppFolder "JuesuanGongkai"
#define ExeName "juesuan.exe"
#define CliExeName "juesuan-cli.exe"
#define DistDir "..\dist\juesuan"
#define FileExt ".jsgk"
#define ProgId "JuesuanGongkai.Project"
#define FileTypeName "决算公开项目"

[Setup]
AppId={{22A233D8-0A1F-4429-9D9E-4105EC83BEF0}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppFolder}
DisableDirPage=auto
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#ExeName}
SetupIconFile=juesuan.ico
OutputDir=..\dist
OutputBaseFilename=juesuan-setup-{#AppVersion}
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
; Simplified Chinese when Inno Setup has it (else from https://jrsoftware.org/files/istrans/, saved
; as Languages\ChineseSimplified.isl). Without it the wizard speaks English and the build still works.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; Flags: unchecked

[Files]
; The whole one-folder build: both programs and _internal\ (Qt, Python, resources).
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{app}"; Comment: "部门决算公开九张表的录入、审核与导出"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{app}"; Tasks: desktopicon
; A console where `juesuan-cli check 文件夹` and `juesuan-cli export …` can be typed as they are.
Name: "{userprograms}\{#AppName}（命令行）"; Filename: "{cmd}"; Parameters: "/k set ""PATH={app};%PATH%"" && {#CliExeName} --help"; WorkingDir: "{userdocs}"; IconFilename: "{app}\{#ExeName}"

[Registry]
; Double-clicking a project file opens it in the window.
Root: HKCU; Subkey: "Software\Classes\{#FileExt}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#FileExt}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#FileTypeName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#ExeName},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#ExeName}\SupportedTypes"; ValueType: string; ValueName: "{#FileExt}"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#ExeName}"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent
