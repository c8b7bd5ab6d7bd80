/* Test-prefix stand-in for Windows 10's bcryptprimitives.dll, which Wine 8.0 lacks.
 *
 * pydantic-core (Rust) asks ProcessPrng for random bytes at import; without this DLL the frozen app
 * cannot import pydantic under Wine. It goes into the Wine prefix's system32 only, never into the
 * app or the installer (tests/test_packaging_windows.py looks for STANDIN_MARK in both). */
#include <windows.h>

#define RtlGenRandom SystemFunction036
BOOLEAN NTAPI RtlGenRandom(PVOID buffer, ULONG length);

__declspec(dllexport) const char STANDIN_MARK[] = "JSGK-WINE-TEST-STANDIN";

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
