package dev.spool.scheduler.messaging;

import dev.spool.contracts.OutputRecorded;
import dev.spool.contracts.ResourceUsage;
import dev.spool.contracts.TaskEvent;
import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.dispatch.AttemptClaims;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.scheduler.service.ReadyTask;
import dev.spool.support.testing.EmbeddedPostgresResource;
import dev.spool.support.testing.OnVertx;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A run moved forward as Kafka would move it: its submission through the gateway, then the workers' events and the
 * state-service's records handed to the scheduler's consumers, with what the gateway shows after each.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class RunProgressTest {

    private static final String BUILD_THEN_TEST = """
            {"name": "build-then-test", "tasks": [
              {"id": "build", "command": ["make"], "retry": {"max_attempts": 2, "initial_delay": "10ms"}},
              {"id": "test", "command": ["make", "test"], "depends_on": ["build"]}]}""";

    @Inject
    AttemptClaims claims;

    @Inject
    TaskRepository tasks;

    @Inject
    TaskEventConsumer events;

    @Inject
    OutputRecordedConsumer recorded;

    @Test
    void aRunWaitsWithItsRootReadyAndItsDependentPending() {
        String run = submit(BUILD_THEN_TEST);

        JsonPath status = status(run);
        assertThat(status.getString("status")).isEqualTo("RUNNING");
        assertThat(status.getInt("tasks.READY")).isEqualTo(1);
        assertThat(status.getInt("tasks.PENDING")).isEqualTo(1);
        assertThat(status.getInt("total")).isEqualTo(2);
    }

    @Test
    void aStartedAttemptRunsAndItsRecordedSuccessReadiesTheDependentOnce() {
        String run = submit(BUILD_THEN_TEST);
        UUID attempt = claim(run, "build");
        assertThat(status(run).getInt("tasks.QUEUED")).isEqualTo(1);

        onEvents(new TaskEvent.Started(UUID.fromString(run), "build", attempt, "worker-1", Instant.now()));
        assertThat(status(run).getInt("tasks.RUNNING")).isEqualTo(1);

        OutputRecorded succeeded = recordedEnd(run, "build", attempt, 1, TaskStatus.SUCCEEDED, 0);
        onRecorded(succeeded);
        JsonPath after = status(run);
        assertThat(after.getInt("tasks.SUCCEEDED")).isEqualTo(1);
        assertThat(after.getInt("tasks.READY")).as("test, ready once build succeeded").isEqualTo(1);

        // Kafka delivers at least once: the same record again changes nothing.
        onRecorded(succeeded);
        assertThat(status(run).getMap("tasks")).isEqualTo(after.getMap("tasks"));
        asAdmin().get("/api/v1/runs/{run}/tasks/build/attempts", run).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].status", equalTo("SUCCEEDED")).body("[0].worker_id", equalTo("worker-1"));
    }

    @Test
    void aFailedAttemptWithATryLeftIsReadiedAgainWhileItsDependentWaits() {
        String run = submit(BUILD_THEN_TEST);
        UUID first = claim(run, "build");

        onRecorded(recordedEnd(run, "build", first, 1, TaskStatus.FAILED, 2));

        JsonPath status = status(run);
        assertThat(status.getInt("tasks.READY")).as("build, to be tried again").isEqualTo(1);
        assertThat(status.getInt("tasks.PENDING")).as("test").isEqualTo(1);
        assertThat(status.getInt("tasks.FAILED")).isZero();
        asAdmin().get("/api/v1/runs/{run}/tasks/build/attempts", run).then().statusCode(200)
                .body("[0].status", equalTo("FAILED")).body("[0].exit_code", equalTo(2));
    }

    @Test
    void aRecordForAnAttemptThatIsNoLongerCurrentIsIgnored() {
        String run = submit(BUILD_THEN_TEST);
        UUID first = claim(run, "build");
        onRecorded(recordedEnd(run, "build", first, 1, TaskStatus.FAILED, 2));
        UUID second = claim(run, "build");

        // The first attempt's record, delivered again after its task moved on, must not end the second.
        onRecorded(recordedEnd(run, "build", first, 1, TaskStatus.FAILED, 2));
        assertThat(status(run).getInt("tasks.QUEUED")).isEqualTo(1);

        onRecorded(recordedEnd(run, "build", second, 2, TaskStatus.SUCCEEDED, 0));
        assertThat(status(run).getInt("tasks.SUCCEEDED")).isEqualTo(1);
    }

    @Test
    void aWorkflowWithACycleIsRefusedWithTheCycleNamedAndNothingStored() {
        String cyclic = """
                {"name": "cyclic-refused", "tasks": [
                  {"id": "a", "command": ["true"], "depends_on": ["b"]},
                  {"id": "b", "command": ["true"], "depends_on": ["a"]}]}""";
        asAdmin().contentType(ContentType.JSON).body(cyclic).post("/api/v1/runs").then().statusCode(400)
                .body("error", equalTo("invalid_workflow"))
                .body("message", org.hamcrest.Matchers.containsString("dependency cycle: a -> b -> a"));
        asAdmin().get("/api/v1/runs?limit=500").then().statusCode(200)
                .body("runs.findAll { it.name == 'cyclic-refused' }.size()", equalTo(0));
    }

    @Test
    void aPausedRunCanBeResumedButARunningOneCannot() {
        String run = submit(BUILD_THEN_TEST);
        asAdmin().post("/api/v1/runs/{run}/resume", run).then().statusCode(409).body("error", equalTo("run_not_paused"));

        asAdmin().post("/api/v1/runs/{run}/pause", run).then().statusCode(200).body("status", equalTo("PAUSED"));
        asAdmin().post("/api/v1/runs/{run}/resume", run).then().statusCode(200).body("status", equalTo("RUNNING"));
    }

    /** The bootstrap admin token of the test configuration. */
    private static RequestSpecification asAdmin() {
        return given().auth().oauth2("spool_test-admin-token");
    }

    private static String submit(String workflow) {
        return asAdmin().contentType(ContentType.JSON).body(workflow).post("/api/v1/runs").then().statusCode(201).extract().path("id");
    }

    private static JsonPath status(String run) {
        return asAdmin().get("/api/v1/runs/{run}/status", run).then().statusCode(200).extract().jsonPath();
    }

    /** Claims the task as the dispatcher would, had a worker a free slot: its attempt is committed, QUEUED. */
    private UUID claim(String run, String taskId) {
        Task task = OnVertx.await(() -> Panache.withSession(() -> tasks.listByTaskIds(UUID.fromString(run), List.of(taskId)))).getFirst();
        ReadyTask ready = new ReadyTask(task.id, task.runId, task.taskId, task.priority, task.readyAt, task.position, null, null, 0, 0);
        AttemptClaims.Claim claim = OnVertx.await(() -> claims.claim(List.of(ready)));
        assertThat(claim.claimed()).as("claimed %s", taskId).hasSize(1);
        return claim.claimed().getFirst().dispatch().attemptId();
    }

    private void onEvents(TaskEvent... batch) {
        delivered(List.of(batch), events::onEvents);
    }

    private void onRecorded(OutputRecorded... batch) {
        delivered(List.of(batch), recorded::onRecorded);
    }

    /** Hands a batch to a consumer as Kafka would, and waits until the consumer acknowledges it: it has committed. */
    private static <T> void delivered(List<T> batch, Function<Message<List<T>>, CompletionStage<Void>> consumer) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<List<T>> message = Message.of(batch, () -> {
            acknowledged.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acknowledged.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        });
        OnVertx.await(() -> Uni.createFrom().completionStage(() -> consumer.apply(message)));
        acknowledged.orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static OutputRecorded recordedEnd(String run, String taskId, UUID attempt, int number, TaskStatus status, int exitCode) {
        Instant now = Instant.now();
        OutputRecorded.OutputSummary empty = new OutputRecorded.OutputSummary(0, 0, false, null, false, null);
        return new OutputRecorded(UUID.fromString(run), taskId, attempt, number, "worker-1", status, exitCode, null, now.minusMillis(5), now,
                empty, empty, ResourceUsage.NONE, null, List.of());
    }
}
