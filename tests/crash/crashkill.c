/* crashkill: runs one command and kills it with SIGKILL at a random instant
 * of its run, the way a power cut or a killed terminal would (issue 12).
 *
 *   crashkill [-t MAX_US] [-s SNAPDIR -d DB] [-r SEED] -o OUT -- CMD ARGS...
 *
 * CMD's stdout goes to OUT and its stderr to OUT.err. With -t 0 the command
 * runs to its end. Otherwise, after a random 0..MAX_US microseconds, it is
 * stopped (SIGSTOP), and with -s the database file, its -wal and its -shm
 * are copied to SNAPDIR as they are at that instant (before anything of
 * SQLite's could tidy up: the power-cut image), then it is killed.
 * Prints one line: "exited RC US" (finished first, its exit status and
 * run time) or "killed US" (the instant of the kill). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY);
	if (in < 0)
		return errno == ENOENT ? 0 : -1;
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0) {
		close(in);
		return -1;
	}
	char buf[65536];
	ssize_t n;
	int rc = 0;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n) {
			rc = -1;
			break;
		}
	if (n < 0)
		rc = -1;
	close(in);
	close(out);
	return rc;
}

static int snapshot(const char *db, const char *dir)
{
	static const char *const tails[] = { "", "-wal", "-shm" };
	const char *base = strrchr(db, '/');
	base = base ? base + 1 : db;
	for (size_t i = 0; i < 3; i++) {
		char from[4096], to[4096];
		snprintf(from, sizeof from, "%s%s", db, tails[i]);
		snprintf(to, sizeof to, "%s/%s%s", dir, base, tails[i]);
		if (copy_file(from, to) != 0) {
			perror(from);
			return -1;
		}
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: crashkill [-t MAX_US] [-s SNAPDIR -d DB] [-r SEED] -o OUT -- CMD ARGS...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long long max_us = 0;
	const char *snapdir = NULL, *db = NULL, *out = NULL;
	unsigned seed = (unsigned)(now_us() ^ getpid());
	int c;

	while ((c = getopt(argc, argv, "t:s:d:r:o:")) != -1) {
		switch (c) {
		case 't': max_us = atoll(optarg); break;
		case 's': snapdir = optarg; break;
		case 'd': db = optarg; break;
		case 'r': seed = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'o': out = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc || !out || (snapdir && !db))
		usage();
	srand(seed);
	long long delay = max_us > 0 ? (long long)((double)rand() / RAND_MAX * (double)max_us) : -1;

	char err[4096];
	snprintf(err, sizeof err, "%s.err", out);
	/* Emptied here, before the command starts: a kill before its first
	 * instruction must not leave an earlier run's answer in OUT. */
	int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fo < 0 || fe < 0) {
		perror(out);
		return 1;
	}
	long long start = now_us();
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		if (dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
			_exit(127);
		execvp(argv[optind], argv + optind);
		_exit(127);
	}
	close(fo);
	close(fe);

	int status;
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid) {
			printf("exited %d %lld\n", WIFEXITED(status) ? WEXITSTATUS(status)
			       : 128 + WTERMSIG(status), now_us() - start);
			return 0;
		}
		if (delay >= 0 && now_us() - start >= delay)
			break;
		/* Short steps, so the kill lands close to its instant. */
		struct timespec ts = { 0, 100 * 1000 };
		nanosleep(&ts, NULL);
	}
	long long at = now_us() - start;
	kill(pid, SIGSTOP);
	if (waitpid(pid, &status, WUNTRACED) == pid && !WIFSTOPPED(status)) {
		/* It ended between the last look and the stop. */
		printf("exited %d %lld\n", WIFEXITED(status) ? WEXITSTATUS(status)
		       : 128 + WTERMSIG(status), now_us() - start);
		return 0;
	}
	int snap_rc = snapdir ? snapshot(db, snapdir) : 0;
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	printf("killed %lld\n", at);
	return snap_rc == 0 ? 0 : 1;
}
