# Fuzzing (issue 12): one libFuzzer target per parser that meets outside
# bytes, with seed corpora in fuzz/corpus/TARGET/ (from the tests'
# fixtures). `make check` replays every corpus file through each target
# (fuzz/replay.c, whatever the compiler; ASan and UBSan in the sanitized
# build); `make fuzz FUZZ_SECONDS=N` builds the targets with clang
# (-fsanitize=fuzzer,address,undefined) and runs each for N seconds. A
# finding goes into fuzz/corpus/TARGET/ once fixed, so `make check`
# replays it from then on.
FUZZ_TARGETS = date_parse text_number text_key query_parse template list_reader csv_import
FUZZ_REPLAYS = fuzz/replay_date_parse fuzz/replay_text_number fuzz/replay_text_key \
	fuzz/replay_query_parse fuzz/replay_template fuzz/replay_list_reader \
	fuzz/replay_csv_import
check_PROGRAMS += $(FUZZ_REPLAYS)
fuzz_replay_date_parse_SOURCES = fuzz/date_parse.c fuzz/replay.c fuzz/fuzz.h
fuzz_replay_date_parse_LDADD = $(CORE_LIBS) $(LIBINTL)
fuzz_replay_text_number_SOURCES = fuzz/text_number.c fuzz/replay.c fuzz/fuzz.h
fuzz_replay_text_number_LDADD = $(CORE_LIBS) $(LIBINTL)
fuzz_replay_text_key_SOURCES = fuzz/text_key.c fuzz/replay.c fuzz/fuzz.h
fuzz_replay_text_key_LDADD = $(CORE_LIBS) $(LIBINTL)
fuzz_replay_query_parse_SOURCES = fuzz/query_parse.c fuzz/replay.c fuzz/fuzz.h
fuzz_replay_query_parse_LDADD = $(CORE_LIBS) $(LIBINTL)
fuzz_replay_template_SOURCES = fuzz/template.c fuzz/replay.c fuzz/fuzz.h
fuzz_replay_template_CFLAGS = $(AM_CFLAGS) $(PANGO_CFLAGS)
fuzz_replay_template_LDADD = $(PRINT_LIBS) $(CORE_LIBS) $(LIBINTL)
fuzz_replay_list_reader_SOURCES = fuzz/list_reader.c fuzz/replay.c fuzz/fuzz.h
fuzz_replay_list_reader_LDADD = $(EXCHANGE_LIBS) $(CORE_LIBS) $(LIBINTL)
fuzz_replay_csv_import_SOURCES = fuzz/csv_import.c fuzz/replay.c fuzz/fuzz.h
fuzz_replay_csv_import_CFLAGS = $(AM_CFLAGS) $(ICU_CFLAGS)
fuzz_replay_csv_import_LDADD = $(EXCHANGE_LIBS) $(STORE_LIBS) $(CORE_LIBS) $(LIBINTL)
SCRIPT_TESTS += fuzz/replay.sh
EXTRA_DIST += fuzz/replay.sh fuzz/run.sh fuzz/corpus

# The libFuzzer builds: every source a target needs, compiled by clang with
# the fuzzer's instrumentation (the project's own objects are not).
FUZZ_SECONDS = 30
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_CORE = core/date.c core/date_parse.c core/text.c core/query.c core/refcode.c \
	core/rules.c core/age.c core/eligibility.c
fuzz-build:
	@if test "$(HAVE_FUZZ)" != yes; then \
	  echo "fuzz: the fuzz targets need clang with libFuzzer (Debian package clang);"; \
	  echo "fuzz: configure found none, so none were built (the corpus is still replayed by make check)"; \
	  exit 1; \
	fi
	@$(MKDIR_P) fuzz/bin
	@set -e; for t in $(FUZZ_TARGETS); do \
	  src=""; for f in $(FUZZ_CORE); do src="$$src $(abs_top_srcdir)/$$f"; done; \
	  flags="$(ICU_CFLAGS) $(SODIUM_CFLAGS)"; libs="$(ICU_LIBS) $(SODIUM_LIBS)"; \
	  if test $$t = list_reader; then src="$$src $(abs_top_srcdir)/exchange/list.c $(abs_top_srcdir)/exchange/csvout.c"; fi; \
	  if test $$t = csv_import; then \
	    for f in decode csvread columns values; do src="$$src $(abs_top_srcdir)/exchange/$$f.c"; done; \
	    libs="$$libs $(CSV_LIBS)"; \
	  fi; \
	  if test $$t = template; then \
	    src="$$src $(abs_top_srcdir)/print/template.c"; \
	    flags="$$flags $(PANGO_CFLAGS)"; libs="$$libs $(PANGO_LIBS)"; \
	  fi; \
	  echo "  FUZZCC   fuzz/bin/$$t"; \
	  $(FUZZ_CC) $(FUZZ_FLAGS) -std=c11 $(DEFS) $(AM_CPPFLAGS) $$flags \
	    -o fuzz/bin/$$t $(abs_top_srcdir)/fuzz/$$t.c $$src $$libs; \
	done
# The targets run side by side, one per processor (FUZZ_JOBS), so CI can
# give each its 30 s on a 2-core machine; fuzz/run.sh runs one.
FUZZ_JOBS = $$(nproc 2>/dev/null || echo 1)
fuzz: fuzz-build
	@$(MKDIR_P) fuzz/work fuzz/findings
	@rm -f fuzz/work/*.failed
	@printf '%s\n' $(FUZZ_TARGETS) | xargs -P "$(FUZZ_JOBS)" -I{} \
	  env FUZZ_SECONDS=$(FUZZ_SECONDS) \
	  LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp' \
	  sh $(abs_top_srcdir)/fuzz/run.sh {} $(abs_top_srcdir)/fuzz/corpus/{}
	@failed=""; for t in $(FUZZ_TARGETS); do \
	  if test -f fuzz/work/$$t.failed; then failed="$$failed $$t"; fi; \
	done; \
	if test -n "$$failed"; then \
	  echo "fuzz: findings in:$$failed (inputs in fuzz/findings/): fix them, then copy each"; \
	  echo "fuzz: into fuzz/corpus/TARGET/ so that make check replays it"; \
	  exit 1; \
	fi
.PHONY: fuzz fuzz-build
CLEANFILES += fuzz/bin/* fuzz/work/*.log
