#include "config.h"
#include <locale.h>
#include <stdio.h>
#include "core/i18n.h"

int main(void)
{
	setlocale(LC_ALL, "");
	puts(_("optout-desk"));
	return 0;
}
