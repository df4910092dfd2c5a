# IR Playbooks: one image, several roles (irctl worker | listener).
# Build: docker build -t ir-playbooks .     Run: see docker-compose.yml

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a source change does not download the world again.
COPY pom.xml ./
COPY workflows/pom.xml workflows/
COPY activities/pom.xml activities/
COPY worker/pom.xml worker/
COPY starter/pom.xml starter/
COPY tests/pom.xml tests/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system irp && useradd --system --gid irp --home /app irp
WORKDIR /app
COPY --from=build /src/starter/target/irctl.jar /app/irctl.jar
COPY config/ /app/config/
USER irp
# The roles bind 127.0.0.1 by default; in a container they must listen on every interface.
ENV IR_LISTENER_HOST=0.0.0.0 IR_LISTENER_ADMIN_HOST=0.0.0.0 IR_WORKER_ADMIN_HOST=0.0.0.0
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/irctl.jar"]
CMD ["help"]
