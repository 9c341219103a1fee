; Registers hearth:// for the member's account when Hearth is installed, and removes it
; when Hearth is uninstalled (electron-builder's NSIS template calls these macros).
; SHELL_CONTEXT is HKCU for a per-user install. Hearth also re-registers itself at start
; (electron/main/inviteLinks.ts), which keeps the entry right after an update.

!macro customInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\hearth"
  WriteRegStr SHELL_CONTEXT "Software\Classes\hearth" "" "URL:Hearth invite"
  WriteRegStr SHELL_CONTEXT "Software\Classes\hearth" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\hearth\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\hearth\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\hearth"
!macroend
